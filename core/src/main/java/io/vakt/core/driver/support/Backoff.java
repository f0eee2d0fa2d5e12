package io.vakt.core.driver.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off between reconnect attempts: {@code first}, doubling up to {@code max}, each delay
 * spread by up to a fifth either way so a building full of controllers that lost one switch does not
 * reconnect in lock-step.
 */
public record Backoff(Duration first, Duration max) {
    public Backoff {
        if (first.isNegative() || first.isZero()) throw new IllegalArgumentException("first delay must be positive");
        if (max.compareTo(first) < 0) throw new IllegalArgumentException("max delay below the first");
    }

    public static Backoff defaults() { return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)); }

    /** The delay before attempt {@code failures + 1}, after {@code failures} failed attempts in a row (≥ 1). */
    public Duration delay(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        long millis = Math.min(max.toMillis(), first.toMillis() << Math.min(doublings, 20));
        double spread = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.min(max.toMillis(), Math.round(millis * spread))));
    }
}
