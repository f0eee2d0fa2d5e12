package io.vakt.scripting.engine;

/**
 * What the pool tells the runtime about one finished call, so the runtime can keep its per-path counters
 * (the counters are the runtime's, the measurements the worker's).
 *
 * @param wallNanos time on the worker, queueing excluded (0 for a call refused before it ran)
 * @param cpuNanos  CPU time of the worker thread during the call
 * @param failed    the caller got an error of any kind
 * @param limitStop the call was stopped by the CPU-time, wall-time, allocation or statement limit
 */
public record CallReport(String path, long wallNanos, long cpuNanos, boolean failed, boolean limitStop) {
    static CallReport refused(String path) { return new CallReport(path, 0, 0, true, false); }
}
