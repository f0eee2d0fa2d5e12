package io.vakt.core.live;

import java.time.Duration;

/**
 * Settings of the LiveValues hub.
 *
 * @param maxUpdatesPerSecond at most one update per variable in each window of {@code 1/maxUpdatesPerSecond}
 *                            seconds (spec §5.4: 1 per second); the newest value is always delivered at the end
 *                            of each window. 0 means unthrottled.
 * @param linger              how long a point stays advised after its last watcher left, so a page reload
 *                            does not re-poll the controller
 * @param pollLease           how long a {@code data} query keeps a variable advised for the next poll
 */
public record LiveValuesConfig(double maxUpdatesPerSecond, Duration linger, Duration pollLease) {
    public LiveValuesConfig {
        if (maxUpdatesPerSecond < 0) throw new IllegalArgumentException("maxUpdatesPerSecond must be >= 0");
        if (linger.isNegative() || pollLease.isNegative()) throw new IllegalArgumentException("negative duration");
    }

    public static LiveValuesConfig defaults() {
        return new LiveValuesConfig(1.0, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** The throttle window in nanoseconds, 0 when unthrottled. */
    public long windowNanos() {
        return maxUpdatesPerSecond == 0 ? 0 : (long) (1_000_000_000L / maxUpdatesPerSecond);
    }
}
