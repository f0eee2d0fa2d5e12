package io.vakt.core.simulator;

import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.SourceRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulator driver whose time the test moves with {@link #tick(Duration)}; the periodic task is never
 * started, so nothing happens between ticks. Records every published sample.
 */
final class SimHarness implements AutoCloseable {
    /** A Monday. */
    static final Instant MONDAY_NOON = Instant.parse("2024-03-04T12:00:00Z");

    record Published(String address, Sample sample) {}

    final List<Published> published = Collections.synchronizedList(new ArrayList<>());
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final Controller controller;
    final SimulatorDriver driver;
    Instant now;

    SimHarness(Instant start, Map<String, String> settings, TestPoint... points) {
        List<Point> built = new ArrayList<>();
        for (TestPoint point : points) built.add(point.build());
        this.controller = new Controller("SIM", "Test", "simulator", settings, built, new SourceRef(TestPoint.FILE, 1));
        this.now = start;
        this.driver = new SimulatorDriver(new DriverContext(controller,
                (point, sample) -> published.add(new Published(point.address(), sample)),
                scheduler, Clock.fixed(start, ZoneOffset.UTC)));
    }

    SimHarness(TestPoint... points) { this(MONDAY_NOON, Map.of("seed", "1"), points); }

    Point point(String address) { return controller.point(address).orElseThrow(); }

    void tick(Duration step) {
        now = now.plus(step);
        driver.tick(now);
    }

    void tickAt(Instant at) {
        now = at;
        driver.tick(now);
    }

    void ticks(int count, Duration step) {
        for (int i = 0; i < count; i++) tick(step);
    }

    Sample read(String address) {
        return driver.read(point(address)).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    Object value(String address) { return read(address).value(); }

    double number(String address) { return ((Number) value(address)).doubleValue(); }

    List<Sample> samplesOf(String address) {
        synchronized (published) {
            return published.stream().filter(p -> p.address().equals(address)).map(Published::sample).toList();
        }
    }

    @Override
    public void close() {
        driver.close();
        scheduler.shutdownNow();
    }
}
