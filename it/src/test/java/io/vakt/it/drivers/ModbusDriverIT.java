package io.vakt.it.drivers;

import io.vakt.core.driver.scan.ControllerFiles;
import io.vakt.core.driver.scan.ScanProgress;
import io.vakt.core.driver.scan.ScannedController;
import io.vakt.core.driver.scan.ScannedPoint;
import io.vakt.driver.modbus.scan.ModbusScanRequest;
import io.vakt.driver.modbus.scan.ModbusScanner;
import io.vakt.driver.modbus.scan.RegisterRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code modbus} driver against Debian's python3-pymodbus server (it/src/test/python/modbus_server.py), a
 * Modbus TCP stack no one here wrote, end to end: values reach a GraphQL subscriber, writes are read back,
 * a refused write carries the Modbus exception, a killed server turns the points ErrorUnreachable and a
 * restarted one brings values back, a scan finds the seeded registers and its controller file loads, and a
 * hundred connection cuts leak nothing.
 */
class ModbusDriverIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path work;

    private ChildProcess peer;
    private int port;

    @BeforeEach
    void startPeer() {
        Prerequisites.assumePython("pymodbus", "python3-pymodbus");
        port = ChildProcess.freePort();
        peer = startServer();
    }

    @AfterEach
    void stopPeer() {
        if (peer != null) peer.stop();
    }

    private ChildProcess startServer() { return Peers.pymodbus(work, port); }

    private static String controller(int port) {
        return """
                driver: modbus
                settings:
                  host: 127.0.0.1
                  port: %d
                  timeout: 1s
                  reconnectMin: 100ms
                  reconnectMax: 500ms
                  pollFast: 200ms
                  pollNormal: 500ms
                points:
                  - address: Counter
                    type: integer
                    register: input:0
                    format: uint16
                    poll: fast
                  - address: Scaled
                    type: real
                    register: input:1
                    scale: 0.1
                  - address: HR0
                    type: integer
                    register: holding:0
                  - address: Negative
                    type: integer
                    register: holding:1
                  - address: Temperature
                    type: real
                    writable: true
                    register: holding:2
                    format: float32
                    order: abcd
                  - address: Setpoint
                    type: integer
                    writable: true
                    register: holding:10
                  - address: Bit0
                    type: digital
                    writable: true
                    register: holding:11
                    bit: 0
                  - address: Bit1
                    type: digital
                    writable: true
                    register: holding:11
                    bit: 1
                  - address: Pump
                    type: digital
                    writable: true
                    register: coil:0
                  - address: Alarm
                    type: digital
                    register: discrete:0
                  - address: Missing
                    type: integer
                    writable: true
                    register: holding:50
                """.formatted(port);
    }

    @Test
    void readsSubscribesWritesAndSurvivesTheServerGoingAway() {
        try (DriverSite site = DriverSite.builder(work).controller("Plc", controller(port)).start();
             Subscriber subscriber = site.subscribe()) {
            // subscribe: the counting input register keeps changing at the GraphQL subscriber
            LiveUpdate first = subscriber.await("Plc.Counter", LiveUpdate::hasValue, WAIT);
            subscriber.awaitNext("Plc.Counter", update -> update.hasValue() && !update.value().equals(first.value()), WAIT);
            subscriber.awaitValue("Plc.HR0", "1234", WAIT);
            subscriber.awaitValue("Plc.Negative", "-5", WAIT);
            subscriber.awaitValue("Plc.Temperature", "21.5", WAIT);
            subscriber.await("Plc.Scaled", update -> update.hasValue() && Double.parseDouble(update.value()) == 25.0, WAIT);
            subscriber.awaitValue("Plc.Bit0", "1", WAIT);
            subscriber.awaitValue("Plc.Bit1", "0", WAIT);
            subscriber.awaitValue("Plc.Pump", "1", WAIT);
            subscriber.awaitValue("Plc.Alarm", "1", WAIT);
            subscriber.awaitType("Plc.Missing", "ErrorNotExist", WAIT);
            // read
            assertThat(site.read("Plc.HR0")).isEqualTo("1234");

            // write with read-back: float32 (function 16), int16 (6), coil (5), a register bit (read-modify-write)
            assertThat(site.write("Plc.Temperature", "23.25").ok()).isTrue();
            subscriber.awaitValue("Plc.Temperature", "23.25", WAIT);
            assertThat(site.write("Plc.Setpoint", "42").ok()).isTrue();
            subscriber.awaitValue("Plc.Setpoint", "42", WAIT);
            assertThat(site.write("Plc.Pump", "0").ok()).isTrue();
            subscriber.awaitValue("Plc.Pump", "0", WAIT);
            assertThat(site.write("Plc.Bit1", "1").ok()).isTrue();
            subscriber.awaitValue("Plc.Bit1", "1", WAIT);
            assertThat(site.read("Plc.Bit0")).isEqualTo("1");
            assertThat(site.read("Plc.Setpoint")).isEqualTo("42");

            // the server's refusal reaches the writer with the Modbus exception
            DriverSite.WriteOutcome refused = site.write("Plc.Missing", "1");
            assertThat(refused.ok()).isFalse();
            assertThat(refused.error()).contains("Plc.Missing: Modbus exception 02 (illegal data address)");

            // kill the server: ErrorUnreachable within the timeout (1 s) plus delivery slack
            long killed = System.nanoTime();
            peer.stop();
            LiveUpdate down = subscriber.awaitLatest("Plc.Counter", update -> update.type().equals("ErrorUnreachable"), WAIT);
            long detectMillis = (down.receivedAtNanos() - killed) / 1_000_000;
            System.out.println("modbus: ErrorUnreachable " + detectMillis + " ms after the server was killed");
            assertThat(detectMillis).isLessThan(1_000 + 3_000);
            subscriber.awaitType("Plc.HR0", "ErrorUnreachable", WAIT);

            // restart it: values return by themselves
            peer = startServer();
            long restarted = System.nanoTime();
            LiveUpdate back = subscriber.awaitNext("Plc.Counter", LiveUpdate::hasValue, Duration.ofSeconds(30));
            System.out.println("modbus: values back " + (back.receivedAtNanos() - restarted) / 1_000_000 + " ms after restart");
            subscriber.awaitValue("Plc.HR0", "1234", WAIT);
            assertThat(site.write("Plc.Setpoint", "7").ok()).isTrue();
            subscriber.awaitValue("Plc.Setpoint", "7", WAIT);
        }
    }

    @Test
    void aScanFindsTheSeededRegistersAndItsControllerFileLoads() throws InterruptedException {
        ModbusScanner scanner = new ModbusScanner(new ModbusScanRequest("127.0.0.1", port, List.of(1, 2),
                List.of(RegisterRange.parse("holding:0-29"), RegisterRange.parse("input:0-9"),
                        RegisterRange.parse("coil:0-15"), RegisterRange.parse("discrete:0-15")), Duration.ofMillis(500)));
        long started = System.nanoTime();
        List<ScannedController> found = scanner.scan(ScanProgress.SILENT);
        System.out.println("modbus: scan of 2 units and 70 addresses took " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(found).extracting(ScannedController::suggestedName).containsExactly("Unit1");
        ScannedController unit = found.getFirst();
        List<String> addresses = unit.points().stream().map(ScannedPoint::address).toList();
        assertThat(addresses).contains("HR0", "HR19", "IR0", "IR9", "C0", "C15", "DI0", "DI15").doesNotContain("HR20");
        assertThat(addresses).hasSize(20 + 10 + 16 + 16);
        assertThat(unit.points()).filteredOn(p -> p.address().equals("HR0")).first()
                .extracting(ScannedPoint::sample).isEqualTo("1234");

        String yaml = ControllerFiles.yaml(unit, "vakt scan modbus 127.0.0.1:" + port, Instant.now());
        try (DriverSite site = DriverSite.builder(work).controller("Unit1", yaml).start();
             Subscriber subscriber = site.subscribe()) {
            subscriber.awaitValue("Unit1.HR0", "1234", WAIT);
            subscriber.awaitValue("Unit1.HR1", "65531", WAIT);
            subscriber.awaitValue("Unit1.C0", "1", WAIT);
            subscriber.awaitValue("Unit1.DI2", "1", WAIT);
            subscriber.awaitValue("Unit1.IR1", "250", WAIT);
        }
    }

    @Test
    void hundredReconnectsThroughARelayLeakNothing() {
        int cycles = 100;
        try (TcpRelay relay = TcpRelay.start(port);
             DriverSite site = DriverSite.builder(work).controller("Plc2", """
                     driver: modbus
                     settings:
                       host: 127.0.0.1
                       port: %d
                       timeout: 300ms
                       reconnectMin: 20ms
                       reconnectMax: 100ms
                       pollFast: 50ms
                     points:
                       - address: Counter
                         type: integer
                         register: input:0
                         format: uint16
                         poll: fast
                       - address: HR0
                         type: integer
                         register: holding:0
                     """.formatted(relay.port())).start();
             Subscriber subscriber = site.subscribe()) {
            ReconnectCycles.run("modbus", subscriber, "Plc2.Counter", relay::cut, relay::restore, cycles);

            // a frozen peer (socket open, nothing answered) also turns the points unreachable, within the timeout
            long frozen = System.nanoTime();
            relay.freeze();
            LiveUpdate down = subscriber.awaitLatest("Plc2.Counter", update -> update.type().equals("ErrorUnreachable"), WAIT);
            System.out.println("modbus: ErrorUnreachable " + (down.receivedAtNanos() - frozen) / 1_000_000
                    + " ms after the peer froze");
            relay.restore();
            subscriber.awaitLatest("Plc2.Counter", LiveUpdate::hasValue, WAIT);
        }
    }
}
