package io.vakt.it.drivers;

import io.vakt.core.driver.scan.ControllerFiles;
import io.vakt.core.driver.scan.ScanProgress;
import io.vakt.core.driver.scan.ScannedController;
import io.vakt.core.driver.scan.ScannedPoint;
import io.vakt.driver.bacnet.scan.BacnetScanRequest;
import io.vakt.driver.bacnet.scan.BacnetScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code bacnet} driver against a BACnet/IP device it did not write: {@code bacnet-device.mjs} on
 * {@code @bacnet-js/client}, on loopback. Values reach a GraphQL subscriber by COV and by polling, writes go with
 * priority and are read back, relinquish falls back to the lower priority, a refused write names the BACnet
 * error, and the device going away and coming back turns points unreachable and back.
 */
class BacnetDriverIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int DEVICE = 260001;
    private final List<ChildProcess> devices = new ArrayList<>();

    @AfterEach
    void stopDevices() {
        devices.forEach(ChildProcess::stop);
    }

    private ChildProcess startDevice(Path work, int port) {
        ChildProcess device = Peers.bacnetDevice(work, port, DEVICE, "bacnet-device-" + port + "-" + devices.size());
        devices.add(device);
        return device;
    }

    private static String controller(String reach, String extraSettings) {
        return """
                title: Test AHU over BACnet/IP
                driver: bacnet
                settings:
                  device: %d
                  %s
                  timeout: 400ms
                  retries: 1
                  pollInterval: 300ms
                  covLifetime: 5s
                  reconnectMin: 100ms
                  reconnectMax: 500ms
                %spoints:
                  - address: OutsideTemp
                    type: real
                    unit: °C
                    object: analog-input:1
                  - address: InputForced
                    type: real
                    writable: yes
                    object: AI1
                  - address: Setpoint
                    type: real
                    writable: yes
                    object: AV:1
                    priority: 8
                  - address: SetpointOverride
                    type: real
                    writable: yes
                    object: AV:1
                    priority: 5
                  - address: SetpointOverrideFree
                    type: digital
                    writable: yes
                    object: AV:1
                    priority: 5
                    relinquish: yes
                  - address: SetpointFree
                    type: digital
                    writable: yes
                    object: AV:1
                    priority: 8
                    relinquish: yes
                  - address: Counter
                    type: real
                    object: analog-value:2
                  - address: FilterAlarm
                    type: digital
                    object: BI1
                  - address: Pump
                    type: digital
                    writable: yes
                    object: binary-output:1
                  - address: Mode
                    type: integer
                    writable: yes
                    object: MV1
                  - address: ModeIn
                    type: integer
                    object: multi-state-input:1
                """.formatted(DEVICE, reach, extraSettings);
    }

    @Test
    void readsSubscribesWritesWithPriorityAndRelinquishes(@TempDir Path work) {
        int port = ChildProcess.freeUdpPort();
        startDevice(work, port);
        try (DriverSite site = DriverSite.builder(work).controller("Ahu", controller("address: 127.0.0.1:" + port, "")).start();
             Subscriber subscriber = site.subscribe()) {
            // COV: the analog input moves every 200 ms on the device and each change is notified
            LiveUpdate first = subscriber.await("Ahu.OutsideTemp", LiveUpdate::hasValue, WAIT);
            subscriber.awaitNext("Ahu.OutsideTemp", u -> u.hasValue() && !u.value().equals(first.value()), WAIT);
            // polled: the device refuses COV for AV2 (services/optional-functionality-not-supported)
            LiveUpdate counter = subscriber.await("Ahu.Counter", LiveUpdate::hasValue, WAIT);
            subscriber.awaitNext("Ahu.Counter", u -> u.hasValue() && !u.value().equals(counter.value()), WAIT);
            subscriber.awaitValue("Ahu.Setpoint", "21", WAIT);
            subscriber.awaitValue("Ahu.SetpointFree", "1", WAIT);
            assertThat(site.read("Ahu.ModeIn")).isEqualTo("2");
            assertThat(site.read("Ahu.Pump")).isEqualTo("0");

            // priority 8, then 5 above it; relinquishing 5 falls back to 8, relinquishing 8 to relinquish-default
            assertThat(site.write("Ahu.Setpoint", "23.5")).isEqualTo(new DriverSite.WriteOutcome(true, ""));
            subscriber.awaitValue("Ahu.Setpoint", "23.5", WAIT);
            subscriber.awaitValue("Ahu.SetpointFree", "0", WAIT);
            assertThat(site.write("Ahu.SetpointOverride", "25").ok()).isTrue();
            assertThat(Double.parseDouble(site.read("Ahu.Setpoint"))).isEqualTo(25.0);
            assertThat(site.write("Ahu.SetpointOverrideFree", "1").ok()).isTrue();
            subscriber.awaitValue("Ahu.Setpoint", "23.5", WAIT);
            assertThat(site.write("Ahu.SetpointFree", "1").ok()).isTrue();
            subscriber.awaitValue("Ahu.Setpoint", "21", WAIT);

            assertThat(site.write("Ahu.Pump", "1").ok()).isTrue();
            subscriber.awaitValue("Ahu.Pump", "1", WAIT);
            assertThat(site.write("Ahu.Mode", "3").ok()).isTrue();
            subscriber.awaitValue("Ahu.Mode", "3", WAIT);

            DriverSite.WriteOutcome refused = site.write("Ahu.InputForced", "5");
            assertThat(refused.ok()).isFalse();
            assertThat(refused.error()).contains("BACnet error property/write-access-denied");
            DriverSite.WriteOutcome outOfRange = site.write("Ahu.Mode", "9");
            assertThat(outOfRange.ok()).isFalse();
            assertThat(outOfRange.error()).contains("BACnet error property/value-out-of-range");
        }
    }

    @Test
    void deviceGoneTurnsPointsUnreachableAndItsReturnBringsValuesAndCovBack(@TempDir Path work) {
        int port = ChildProcess.freeUdpPort();
        ChildProcess device = startDevice(work, port);
        try (DriverSite site = DriverSite.builder(work).controller("Ahu", controller("address: 127.0.0.1:" + port, "")).start();
             Subscriber subscriber = site.subscribe()) {
            subscriber.await("Ahu.OutsideTemp", LiveUpdate::hasValue, WAIT);
            subscriber.await("Ahu.Counter", LiveUpdate::hasValue, WAIT);

            long stoppedAt = System.nanoTime();
            device.stop();
            // pollInterval 300ms + timeout 400ms × (1 + 1 retry): within about 1.1 s
            LiveUpdate gone = subscriber.awaitLatest("Ahu.OutsideTemp", u -> u.type().equals("ErrorUnreachable"), Duration.ofSeconds(5));
            subscriber.await("Ahu.Counter", u -> u.type().equals("ErrorUnreachable"), Duration.ofSeconds(5));
            assertThat(Duration.ofNanos(gone.receivedAtNanos() - stoppedAt)).isLessThan(Duration.ofSeconds(4));
            assertThat(site.write("Ahu.Setpoint", "22").ok()).isFalse();

            startDevice(work, port);
            // COV subscribed afresh: the moving input delivers changes again, the polled counter too
            LiveUpdate back = subscriber.awaitLatest("Ahu.OutsideTemp", LiveUpdate::hasValue, WAIT);
            subscriber.awaitNext("Ahu.OutsideTemp", u -> u.hasValue() && !u.value().equals(back.value()), WAIT);
            subscriber.awaitNext("Ahu.Counter", LiveUpdate::hasValue, WAIT);
            assertThat(site.write("Ahu.Setpoint", "22").ok()).isTrue();
        }
    }

    @Test
    void findsTheDeviceByWhoIsWhenNoAddressIsGivenAndTakesConfirmedNotifications(@TempDir Path work) {
        int port = ChildProcess.freeUdpPort();
        startDevice(work, port);
        try (DriverSite site = DriverSite.builder(work).controller("Found", controller("broadcast: 127.0.0.1:" + port + "\n  covConfirmed: yes", "")).start();
             Subscriber subscriber = site.subscribe()) {
            // confirmed COV notifications (each acknowledged with a Simple-ACK) keep the moving input flowing
            LiveUpdate first = subscriber.await("Found.OutsideTemp", LiveUpdate::hasValue, WAIT);
            subscriber.awaitNext("Found.OutsideTemp", u -> u.hasValue() && !u.value().equals(first.value()), WAIT);
            subscriber.awaitNext("Found.OutsideTemp", u -> u.hasValue() && !u.value().equals(first.value()), WAIT);
            assertThat(site.read("Found.ModeIn")).isEqualTo("2");
        }
    }

    @Test
    void scannerFindsTheDeviceAndItsObjectsAndItsFileLoads(@TempDir Path work) throws Exception {
        int port = ChildProcess.freeUdpPort();
        startDevice(work, port);
        List<ScannedController> found = new BacnetScanner(new BacnetScanRequest("127.0.0.1", port, 0, DEVICE, DEVICE,
                Duration.ofMillis(700), true, Duration.ofSeconds(1))).scan(ScanProgress.SILENT);

        assertThat(found).hasSize(1);
        ScannedController device = found.get(0);
        assertThat(device.settings()).containsEntry("device", String.valueOf(DEVICE)).containsEntry("address", "127.0.0.1:" + port);
        assertThat(device.title()).isEqualTo("Vakt Test Device " + DEVICE);
        assertThat(device.points()).extracting(ScannedPoint::address)
                .contains("Outside_Temp", "Setpoint", "Pump", "Mode", "Filter_Alarm", "Mode_In");
        ScannedPoint setpoint = device.points().stream().filter(p -> p.address().equals("Setpoint")).findFirst().orElseThrow();
        assertThat(setpoint.options()).containsEntry("object", "analog-value:1");
        assertThat(setpoint.unit()).isEqualTo("°C");
        assertThat(setpoint.writable()).isTrue();
        assertThat(device.points().stream().filter(p -> p.address().equals("Outside_Temp")).findFirst().orElseThrow().writable()).isFalse();

        String yaml = ControllerFiles.yaml(device, "vakt scan bacnet 127.0.0.1:" + port, Instant.now());
        try (DriverSite site = DriverSite.builder(work).controller(device.suggestedName(), yaml).start()) {
            assertThat(Double.parseDouble(site.read(device.suggestedName() + ".Setpoint"))).isEqualTo(21.0);
        }
    }

    @Test
    void hundredOutagesThroughARelayLeakNoThreadsSocketsOrMemory(@TempDir Path work) {
        int port = ChildProcess.freeUdpPort();
        startDevice(work, port);
        String yaml = """
                driver: bacnet
                settings:
                  device: %d
                  address: 127.0.0.1:%d
                  timeout: 100ms
                  retries: 0
                  pollInterval: 100ms
                  covLifetime: 60s
                  reconnectMin: 20ms
                  reconnectMax: 40ms
                points:
                  - address: OutsideTemp
                    type: real
                    object: AI1
                  - address: Counter
                    type: real
                    object: AV2
                """;
        try (UdpRelay relay = UdpRelay.start(port)) {
            try (DriverSite site = DriverSite.builder(work).controller("Relayed", yaml.formatted(DEVICE, relay.port())).start();
                 Subscriber subscriber = site.subscribe()) {
                ReconnectCycles.run("bacnet", subscriber, "Relayed.Counter", relay::cut, relay::restore, 100);
                subscriber.awaitLatest("Relayed.OutsideTemp", LiveUpdate::hasValue, WAIT);
            }
        }
    }
}
