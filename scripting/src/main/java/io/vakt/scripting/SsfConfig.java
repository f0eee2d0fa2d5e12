package io.vakt.scripting;

import java.time.Duration;

/**
 * Limits and sizes of the ServerSideFunction runtime (configuration keys {@code ssf.*}).
 *
 * @param contexts             JavaScript contexts, each with its own worker thread: at most this many calls run at once
 * @param maxConcurrentPerPath at most this many of them run code of one path, so one slow path cannot take all
 * @param maxQueuedCalls       calls waiting for a context; more are refused with {@code vakt.error.limit_exceeded}
 * @param cpuTimeLimit         CPU time one call may use (spec §8.5 decision, 5 s by default)
 * @param callTimeout          wall-clock time one call may take, waiting on Promises included
 * @param allocationLimitBytes bytes one call may allocate before it is stopped (the heap guard)
 * @param statementLimit       JavaScript statements one call may execute; 0 = no limit
 * @param maxCodeBytes         largest code block accepted
 * @param maxConsoleLinesPerCall console lines one call may write to the server log; further lines are counted, not logged
 */
public record SsfConfig(int contexts, int maxConcurrentPerPath, int maxQueuedCalls, Duration cpuTimeLimit,
                        Duration callTimeout, long allocationLimitBytes, long statementLimit, int maxCodeBytes,
                        int maxConsoleLinesPerCall, FetchPolicy fetch) {
    public static SsfConfig defaults() {
        return new SsfConfig(4, 2, 1000, Duration.ofSeconds(5), Duration.ofSeconds(30), defaultAllocationLimit(),
                0, 1024 * 1024, 100, FetchPolicy.disabled());
    }

    /**
     * An eighth of the maximum heap, between 128 MiB and 2 GiB. The guard counts every byte a call allocates,
     * garbage included, and the interpreter makes much of it, so the limit must leave ordinary code room
     * (256 MiB stopped a loop building 3 million small objects after 0.2 s of CPU); yet a few bombs running at
     * once on different contexts must stay well below a full heap.
     */
    public static long defaultAllocationLimit() {
        long eighth = Runtime.getRuntime().maxMemory() / 8;
        return Math.max(128L * 1024 * 1024, Math.min(2L * 1024 * 1024 * 1024, eighth));
    }
}
