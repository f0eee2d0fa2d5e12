package io.vakt.scripting.engine;

import io.vakt.scripting.SsfConfig;

/**
 * The per-call limits of a configuration and the checks the watchdog makes against them. Kept apart from the
 * watchdog so the worker can apply the wall-time limit itself while it waits, and so every message names the
 * configuration key that raises the limit.
 */
final class Limits {
    private final long cpuNanos;
    private final long wallNanos;
    private final long allocationBytes;
    private final StopReason cpu;
    private final StopReason wall;
    private final StopReason allocation;
    private final StopReason statements;

    Limits(SsfConfig config) {
        this.cpuNanos = config.cpuTimeLimit().toNanos();
        this.wallNanos = config.callTimeout().toNanos();
        this.allocationBytes = config.allocationLimitBytes();
        this.cpu = new StopReason(StopReason.Kind.CPU_TIME,
                "stopped after using " + Sizes.duration(config.cpuTimeLimit()) + " of CPU time (limit ssf.cpuTimeLimit)");
        this.wall = new StopReason(StopReason.Kind.WALL_TIME,
                "took longer than " + Sizes.duration(config.callTimeout()) + " (limit ssf.callTimeout)");
        this.allocation = new StopReason(StopReason.Kind.ALLOCATION,
                "allocated more than " + Sizes.bytes(config.allocationLimitBytes()) + " (limit ssf.maxAllocation)");
        this.statements = new StopReason(StopReason.Kind.STATEMENTS,
                "executed more than " + config.statementLimit() + " statements (limit ssf.statementLimit)");
    }

    long wallNanos() { return wallNanos; }

    StopReason wall() { return wall; }

    StopReason statements() { return statements; }

    /** The first limit {@code run} is over, or null. Reads the worker thread's meters; safe from any thread. */
    StopReason exceeded(CallRun run, ThreadMeters meters) {
        if (cpuNanos > 0) {
            long used = meters.cpuNanos(run.threadId()) - run.startCpuNanos();
            if (used > cpuNanos) return cpu;
        }
        if (allocationBytes > 0) {
            long allocated = meters.allocatedBytes(run.threadId()) - run.startAllocatedBytes();
            if (allocated > allocationBytes) return allocation;
        }
        if (wallNanos > 0 && System.nanoTime() - run.startNanos() > wallNanos) return wall;
        return null;
    }
}
