package io.vakt.scripting.engine;

/** How a run on a worker ended, before it is turned into the caller's result or error. */
sealed interface Ending {
    /** The function returned or threw (its Promise fulfilled or rejected). */
    record Settled(Settlement settlement) implements Ending {}

    /** Stopped from outside: a limit or shutdown. */
    record Stopped(StopReason reason) implements Ending {}

    /** Could not run the function, or the code failed before it could (e.g. top-level code threw). */
    record Failed(String message) implements Ending {}

    /** The function's Promise is pending and nothing is left that could settle it. */
    record NeverSettles() implements Ending {}
}
