package io.vakt.bench.wamp;

import io.vakt.testkit.EmbeddedServer;

import java.time.Duration;

/**
 * Waits out a phase (warm-up, window) while printing, every few seconds, what the server's SSF counters did
 * since the previous line. GraalJS runs interpreter-only on a stock JDK, and the JVM still compiles the
 * interpreter itself: these lines show whether the warm-up was long enough (calls/s levelling off). One scrape
 * of {@code /metrics} per line is noise against thousands of calls per second.
 */
final class SsfProgress {
    private final EmbeddedServer server;
    private final String token;
    private final Duration every;

    SsfProgress(EmbeddedServer server, String token, Duration every) {
        this.server = server;
        this.token = token;
        this.every = every;
    }

    void await(String phase, Duration length) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        SsfCounters.Reading previous = SsfCounters.read(server, token);
        while (System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(every.toMillis(), (end - System.nanoTime()) / 1_000_000)));
            SsfCounters.Reading now = SsfCounters.read(server, token);
            System.err.printf("bench: %s %3.0f s of %d: %,7.0f SSF calls/s at the server, %5.0f µs wall and %5.0f µs"
                            + " CPU per call in the JS worker, %.0f errors/s, %.0f contexts busy, %.0f calls queued%n",
                    phase, (System.nanoTime() - start) / 1e9, length.toSeconds(),
                    now.perSecondSince(previous, "vakt_ssf_calls_total"),
                    now.microsPerCallSince(previous, "vakt_ssf_call_seconds_total"),
                    now.microsPerCallSince(previous, "vakt_ssf_cpu_seconds_total"),
                    now.perSecondSince(previous, "vakt_ssf_call_errors_total"),
                    now.get("vakt_ssf_contexts_busy"), now.get("vakt_ssf_calls_queued"));
            previous = now;
        }
    }
}
