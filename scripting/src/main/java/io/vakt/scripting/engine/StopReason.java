package io.vakt.scripting.engine;

/**
 * Why a call was stopped from outside its code. The first reason set wins; the worker turns it into the
 * caller's error once the context has let go of the thread.
 *
 * @param message what the caller reads, e.g. {@code stopped after using 5 s of CPU time (limit ssf.cpuTimeLimit)}
 */
record StopReason(Kind kind, String message) {
    enum Kind {
        CPU_TIME, WALL_TIME, ALLOCATION, STATEMENTS, SHUTDOWN;

        /** The four per-call limits, counted as limit stops; shutting down is not the call's fault. */
        boolean isLimit() { return this != SHUTDOWN; }
    }

    static final StopReason SHUTDOWN = new StopReason(Kind.SHUTDOWN, "the server is shutting down");
}
