package io.vakt.driver.bacnet;

import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.driver.bacnet.codec.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The driver's own rules against {@link FakeDevice}: RPM and COV fallbacks, silence, and write refusals. */
class BacnetDriverTest {
    private record Delivered(Point point, Sample sample) {}

    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private FakeDevice device;
    private BacnetDriver driver;
    private final Point temperature = point("Temp", PointType.REAL, false, "AV1");
    private final Point input = point("Input", PointType.REAL, true, "AI1");
    private final Point pump = point("Pump", PointType.DIGITAL, true, "BO1");

    private static Point point(String address, PointType type, boolean writable, String object) {
        return new Point(address, type, "", writable, null, null, "", Map.of("object", object), SourceRef.UNKNOWN);
    }

    @BeforeEach
    void start() throws Exception {
        scheduler = Executors.newScheduledThreadPool(1);
        device = new FakeDevice();
        Controller controller = new Controller("Ahu", "", "bacnet", Map.of("device", "7", "address", "127.0.0.1:" + device.port(),
                "timeout", "150ms", "retries", "1", "pollInterval", "100ms", "reconnectMin", "50ms", "reconnectMax", "100ms"),
                List.of(temperature, input, pump), SourceRef.UNKNOWN);
        driver = (BacnetDriver) new BacnetDriverFactory().create(new DriverContext(controller,
                (point, sample) -> delivered.add(new Delivered(point, sample)), scheduler, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        driver.close();
        device.close();
        scheduler.shutdownNow();
    }

    private long samples(Point point, SampleStatus status) {
        return delivered.stream().filter(d -> d.point().equals(point) && d.sample().status() == status).count();
    }

    @Test
    void readsOneByOneOnceTheDeviceRejectsReadPropertyMultipleAndPollsWhatCovRefuses() {
        driver.advise(temperature);
        driver.advise(pump);
        await().atMost(Duration.ofSeconds(5)).until(() -> samples(temperature, SampleStatus.GOOD) >= 3 && samples(pump, SampleStatus.GOOD) >= 3);
        assertThat(delivered.stream().filter(d -> d.point().equals(temperature)).findFirst().orElseThrow().sample().value()).isEqualTo(42.5);
        assertThat(delivered.stream().filter(d -> d.point().equals(pump)).findFirst().orElseThrow().sample().value()).isEqualTo(1L);
        assertThat(device.count(Services.READ_PROPERTY_MULTIPLE)).as("asked once, then never again").isEqualTo(1);
        assertThat(device.count(Services.SUBSCRIBE_COV)).isEqualTo(2);
    }

    @Test
    void aSilentDeviceTurnsAdvisedPointsUnreachableAndValuesReturnWhenItAnswers() {
        driver.advise(temperature);
        await().atMost(Duration.ofSeconds(5)).until(() -> samples(temperature, SampleStatus.GOOD) >= 1);
        device.silent = true;
        long silentAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> samples(temperature, SampleStatus.UNREACHABLE) >= 1);
        // pollInterval 100ms + timeout 150ms × 2 attempts, with room for a loaded machine
        assertThat(Duration.ofNanos(System.nanoTime() - silentAt)).isLessThan(Duration.ofSeconds(3));
        long good = samples(temperature, SampleStatus.GOOD);
        device.silent = false;
        await().atMost(Duration.ofSeconds(5)).until(() -> samples(temperature, SampleStatus.GOOD) > good);
    }

    @Test
    void aRefusedWriteFailsWithTheBacnetErrorNamed() {
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.read(temperature).toCompletableFuture().get().status() == SampleStatus.GOOD);
        assertThatThrownBy(() -> driver.write(input, 5.0).toCompletableFuture().get(2, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(VaktException.class)
                .hasMessageContaining("Ahu.Input: BACnet error property/write-access-denied")
                .satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.WRITE_FAILED));
    }

    @Test
    void writesAcceptedByTheDeviceComplete() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.read(pump).toCompletableFuture().get().status() == SampleStatus.GOOD);
        driver.write(pump, 1L).toCompletableFuture().get(2, TimeUnit.SECONDS);
        assertThat(device.count(Services.WRITE_PROPERTY)).isEqualTo(1);
    }

    @Test
    void refusesWritesItCannotEncodeOrMayNotSend() {
        assertThatThrownBy(() -> driver.write(temperature, 1.0).toCompletableFuture().get())
                .cause().satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.NOT_WRITABLE));
        assertThatThrownBy(() -> driver.write(pump, 2L).toCompletableFuture().get())
                .cause().satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.OUT_OF_RANGE));
    }

    @Test
    void closingReleasesTheSocket() {
        int port = driver.localPort();
        driver.close();
        try (java.net.DatagramSocket reuse = new java.net.DatagramSocket(port, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).isEqualTo(port);
        } catch (java.net.SocketException e) {
            throw new AssertionError("port " + port + " still bound after close", e);
        }
    }
}
