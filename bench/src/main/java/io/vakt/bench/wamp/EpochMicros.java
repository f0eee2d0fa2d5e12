package io.vakt.bench.wamp;

import java.time.Instant;

/**
 * Wall-clock microseconds for event latency. Publisher and subscriber may live in different processes, where
 * {@link System#nanoTime()} has different origins; the system clock is one clock for all processes on this
 * machine, and {@link Instant#now()} reads it with microsecond resolution on Linux.
 */
final class EpochMicros {
    private EpochMicros() {}

    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
