package io.vakt.core.simulator;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.model.PointType;

import java.time.Instant;
import java.util.Objects;

/**
 * The mutable state of one simulated point. Guarded by the driver's lock; never shared outside it.
 */
final class SimPoint {
    final PointSpec spec;
    /** Current value of a numeric point, unrounded so slow lags are not stalled by rounding. */
    double number;
    /** Current value of a string point. */
    String text;
    /** False until the value is established (explicit initial, first tick or a write). */
    boolean settled;
    boolean advised;
    /** Publish at the next tick even if nothing changed: a fresh advise is owed its first value. */
    boolean announce;
    /** End of the current outage; null while reachable. */
    Instant unreachableUntil;
    /** What the sink last got, to publish only changes. */
    Sample published;

    SimPoint(PointSpec spec) {
        this.spec = spec;
        this.number = spec.initial();
        this.text = spec.initialText();
        this.settled = spec.explicitInitial() || !spec.behaviour().snapsToTarget();
    }

    boolean isString() { return spec.point().type() == PointType.STRING; }

    boolean reachable() { return unreachableUntil == null; }

    Object value() { return isString() ? text : spec.typed(number); }

    Sample sample(Instant time) { return reachable() ? Sample.good(value(), time) : Sample.unreachable(time); }

    /** Whether {@code next} differs from what was last published (value or status). */
    boolean changed(Sample next) {
        if (published == null) return true;
        if (published.status() != next.status()) return true;
        return next.status() == SampleStatus.GOOD && !Objects.equals(published.value(), next.value());
    }
}
