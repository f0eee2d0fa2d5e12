package io.vakt.core.driver.support;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleSink;
import io.vakt.core.model.Point;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The points someone watches (advise on demand, ARCHITECTURE.md), as a driver keeps them: a set with a
 * generation number that changes with every advise and unadvise, so a poller rebuilds its read plan only
 * when the set changed. Thread-safe; {@link #snapshot()} is a copy the caller may iterate freely.
 */
public final class AdvisedPoints {
    private final Set<Point> points = new LinkedHashSet<>();
    private long generation;
    private List<Point> snapshot = List.of();

    /** @return true when the point was not advised before */
    public synchronized boolean advise(Point point) {
        if (!points.add(point)) return false;
        changed();
        return true;
    }

    /** @return true when the point was advised */
    public synchronized boolean unadvise(Point point) {
        if (!points.remove(point)) return false;
        changed();
        return true;
    }

    public synchronized boolean isAdvised(Point point) { return points.contains(point); }

    public synchronized boolean isEmpty() { return points.isEmpty(); }

    /** Changes with every advise and unadvise. */
    public synchronized long generation() { return generation; }

    /** The advised points in the order they were advised. */
    public synchronized List<Point> snapshot() { return snapshot; }

    /** Hands {@code sample} for every advised point to the sink (e.g. all unreachable when the peer went away). */
    public void publishAll(SampleSink sink, Sample sample) {
        for (Point point : snapshot()) sink.accept(point, sample);
    }

    private void changed() {
        generation++;
        snapshot = List.copyOf(points);
    }
}
