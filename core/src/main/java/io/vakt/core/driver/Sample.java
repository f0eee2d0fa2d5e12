package io.vakt.core.driver;

import java.time.Instant;
import java.util.Objects;

/**
 * A reading reported by a driver: a typed value ({@link Double}, {@link Long}, {@link String}; null unless
 * {@code status} is {@link SampleStatus#GOOD}), the status, and when it was read.
 */
public record Sample(Object value, SampleStatus status, Instant time) {
    public Sample {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
    }

    public static Sample good(Object value, Instant time) { return new Sample(value, SampleStatus.GOOD, time); }

    public static Sample unreachable(Instant time) { return new Sample(null, SampleStatus.UNREACHABLE, time); }
}
