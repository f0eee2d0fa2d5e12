package io.vakt.scripting;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one registration path, kept for the life of the runtime (also after the path is unregistered,
 * so counters never go backwards). Read by the metrics endpoint.
 */
public final class PathStats {
    private final String path;
    final LongAdder calls = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder limitStops = new LongAdder();
    final LongAdder wallNanos = new LongAdder();
    final LongAdder cpuNanos = new LongAdder();

    public PathStats(String path) { this.path = path; }

    public String path() { return path; }

    /** Calls finished, successful or not. */
    public long calls() { return calls.sum(); }

    /** Calls that ended with an error of any kind (limit stops included). */
    public long errors() { return errors.sum(); }

    /** Calls stopped by the CPU-time, wall-time, allocation or statement limit. */
    public long limitStops() { return limitStops.sum(); }

    /** Wall-clock time of finished calls, queueing excluded. */
    public long wallNanos() { return wallNanos.sum(); }

    /** CPU time the calls used on their worker threads. */
    public long cpuNanos() { return cpuNanos.sum(); }
}
