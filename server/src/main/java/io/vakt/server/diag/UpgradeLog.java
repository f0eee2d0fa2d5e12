package io.vakt.server.diag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last WebSocket upgrade attempts, for {@code /arrigo/api/diagnostics}: a fixed ring, so memory stays bounded
 * however many clients knock. Recording is one atomic increment and one array store (any event loop, no lock);
 * it happens once per upgrade request, never per frame. Readers may miss an entry being overwritten at that very
 * moment, which is fine for a diagnostic view.
 */
public final class UpgradeLog {
    public static final int DEFAULT_CAPACITY = 256;
    /** What diagnostics show: attempts of the same client this recent, at most this many. */
    public static final Duration RECENT = Duration.ofMinutes(10);
    public static final int MAX_SHOWN = 20;

    private final AtomicReferenceArray<UpgradeAttempt> ring;
    private final AtomicLong written = new AtomicLong();
    private final Clock clock;

    public UpgradeLog(Clock clock) { this(clock, DEFAULT_CAPACITY); }

    public UpgradeLog(Clock clock, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.clock = clock;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    public Clock clock() { return clock; }

    public void record(UpgradeAttempt attempt) {
        long slot = written.getAndIncrement();
        ring.set((int) (slot % ring.length()), attempt);
    }

    /** Attempts from {@code clientAddress} in the last {@link #RECENT}, newest first, at most {@link #MAX_SHOWN}. */
    public List<UpgradeAttempt> recent(String clientAddress) {
        Instant since = clock.instant().minus(RECENT);
        long end = written.get();
        long start = Math.max(0, end - ring.length());
        List<UpgradeAttempt> found = new ArrayList<>();
        for (long i = end - 1; i >= start && found.size() < MAX_SHOWN; i--) {
            UpgradeAttempt attempt = ring.get((int) (i % ring.length()));
            if (attempt != null && attempt.clientAddress().equals(clientAddress) && !attempt.at().isBefore(since)) {
                found.add(attempt);
            }
        }
        return found;
    }
}
