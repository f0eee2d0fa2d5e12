package io.vakt.driver.modbus;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A Modbus driver on a real scheduler, recording every published sample. */
final class DriverHarness implements AutoCloseable {
    record Published(String address, Sample sample) {}

    final List<Published> published = Collections.synchronizedList(new ArrayList<>());
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final Controller controller;
    final Driver driver;

    DriverHarness(Controller controller) {
        new ModbusDriverFactory().validate(controller);
        this.controller = controller;
        this.driver = new ModbusDriverFactory().create(new DriverContext(controller,
                (point, sample) -> published.add(new Published(point.address(), sample)), scheduler, Clock.systemUTC()));
    }

    Point point(String address) { return controller.point(address).orElseThrow(); }

    void advise(String... addresses) {
        for (String address : addresses) driver.advise(point(address));
    }

    Sample read(String address) {
        return driver.read(point(address)).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    void write(String address, Object value) {
        driver.write(point(address), value).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    Sample latest(String address) {
        synchronized (published) {
            for (int i = published.size() - 1; i >= 0; i--) {
                if (published.get(i).address().equals(address)) return published.get(i).sample();
            }
        }
        return null;
    }

    /** Waits until the newest sample of {@code address} is good and carries {@code value}. */
    void awaitValue(String address, Object value) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Sample sample = latest(address);
            return sample != null && sample.status() == SampleStatus.GOOD && Objects.equals(sample.value(), value);
        });
    }

    void awaitStatus(String address, SampleStatus status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Sample sample = latest(address);
            return sample != null && sample.status() == status;
        });
    }

    @Override
    public void close() {
        driver.close();
        scheduler.shutdownNow();
    }
}
