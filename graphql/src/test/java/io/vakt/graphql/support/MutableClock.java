package io.vakt.graphql.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand; UTC. */
public final class MutableClock extends Clock {
    public static final Instant T0 = Instant.parse("2024-01-01T10:00:00Z");

    private volatile Instant now;

    public MutableClock(Instant start) { this.now = start; }

    public MutableClock() { this(T0); }

    public void set(Instant instant) { now = instant; }

    public void advance(Duration duration) { now = now.plus(duration); }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { return this; }

    @Override
    public Instant instant() { return now; }
}
