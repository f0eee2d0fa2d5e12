package io.vakt.core.driver;

import io.vakt.core.model.Point;

/**
 * Where a driver delivers samples of advised points. Thread-safe and non-blocking: drivers call it from
 * their own threads.
 */
@FunctionalInterface
public interface SampleSink {
    void accept(Point point, Sample sample);
}
