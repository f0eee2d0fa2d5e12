package io.vakt.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand, so expiry is tested without waiting. */
final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) { this.now = new AtomicReference<>(start); }

    static MutableClock atSomeMoment() { return new MutableClock(Instant.parse("2025-03-01T10:00:00.250Z")); }

    void advance(Duration by) { now.updateAndGet(t -> t.plus(by)); }

    void set(Instant instant) { now.set(instant); }

    @Override public Instant instant() { return now.get(); }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }
}
