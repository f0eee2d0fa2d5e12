package io.vakt.core.live;

import io.vakt.core.driver.PointResolver;
import io.vakt.core.driver.RecordingDriver;
import io.vakt.core.driver.ResolvedPoint;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.model.Point;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.model.TestProject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hub on a {@link ManualScheduler}, with controller {@code AHU1} behind a {@link RecordingDriver} whose
 * samples reach the hub through the driver's sink (under the driver's lock, as from a real driver).
 */
final class HubFixture {
    final ManualScheduler scheduler = new ManualScheduler();
    final RecordingDriver driver = new RecordingDriver();
    final Map<String, ResolvedPoint> points = new HashMap<>();
    final PointResolver resolver = address -> Optional.ofNullable(points.get(address.key()));
    final LiveValues hub;

    /** @param nanoOrigin added to the scheduler's time for the hub's {@code nanoTime}, whose origin is arbitrary */
    HubFixture(LiveValuesConfig config, long nanoOrigin) {
        for (Point point : TestProject.AHU1_POINTS) add(point);
        hub = new LiveValues(config, resolver, scheduler, scheduler.clock(), () -> nanoOrigin + scheduler.nanoTime());
        driver.sink((point, sample) -> hub.accept(new TechnicalAddress("AHU1", point.address()), sample));
    }

    HubFixture(LiveValuesConfig config) { this(config, 0L); }

    private void add(Point point) {
        TechnicalAddress address = new TechnicalAddress("AHU1", point.address());
        points.put(address.key(), new ResolvedPoint(address, point, driver));
    }

    static LiveValuesConfig config(double rate, long lingerSeconds, long leaseSeconds) {
        return new LiveValuesConfig(rate, Duration.ofSeconds(lingerSeconds), Duration.ofSeconds(leaseSeconds));
    }

    static TechnicalAddress address(Point point) { return new TechnicalAddress("AHU1", point.address()); }

    Instant now() { return scheduler.clock().instant(); }

    void push(Point point, Object value) { driver.push(point, Sample.good(value, now())); }

    void push(Point point, SampleStatus status) { driver.push(point, new Sample(null, status, now())); }

    Watch watch(Point point, Watcher watcher) { return hub.watch(address(point), watcher); }

    /** A watcher that keeps what it gets. */
    static class Recorder implements Watcher {
        final List<LiveValue> values = new ArrayList<>();

        @Override
        public synchronized void onValue(LiveValue value) { values.add(value); }

        synchronized List<Object> plain() { return values.stream().map(LiveValue::value).toList(); }

        synchronized LiveValue last() { return values.getLast(); }

        synchronized int size() { return values.size(); }
    }
}
