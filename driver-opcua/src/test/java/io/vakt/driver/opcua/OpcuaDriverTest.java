package io.vakt.driver.opcua;

import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The driver against an in-process Milo server on loopback. */
class OpcuaDriverTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestServer server;
    private static ScheduledExecutorService scheduler;

    private final Map<String, List<Sample>> samples = new ConcurrentHashMap<>();
    private final List<OpcuaDriver> drivers = new ArrayList<>();

    @TempDir
    Path pki;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(TestServer.freePort());
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        scheduler.shutdownNow();
    }

    @AfterEach
    void closeDrivers() {
        drivers.forEach(OpcuaDriver::close);
    }

    @Test
    void monitoredItemsDeliverChangingValues() {
        OpcuaDriver driver = driver(Map.of(), point("Changing", PointType.REAL, false, "ns=2;s=Demo.Changing"));
        driver.advise(point("Changing"));
        await().atMost(WAIT).until(() -> goodValues("Changing").size() >= 3);
        List<Object> values = goodValues("Changing");
        assertThat((Double) values.get(values.size() - 1)).isGreaterThan((Double) values.get(0));
    }

    @Test
    void deadbandFiltersChangesSmallerThanIt() {
        server.set("Demo.Setpoint", 20.0);
        OpcuaDriver driver = driver(Map.of(), point("Sp", PointType.REAL, true, "ns=2;s=Demo.Setpoint", "deadband", "5",
                "samplingInterval", "50ms"));
        driver.advise(point("Sp"));
        await().atMost(WAIT).until(() -> goodValues("Sp").contains(20.0));
        server.set("Demo.Setpoint", 22.0);
        server.set("Demo.Setpoint", 30.0);
        await().atMost(WAIT).until(() -> goodValues("Sp").contains(30.0));
        assertThat(goodValues("Sp")).doesNotContain(22.0);
    }

    @Test
    void writesEncodeTheVariablesOwnDataType() {
        OpcuaDriver driver = driver(Map.of(),
                point("Sp", PointType.REAL, true, "ns=2;s=Demo.Setpoint"),
                point("Count", PointType.INTEGER, true, "ns=2;s=Demo.Count"),
                point("Small", PointType.INTEGER, true, "ns=2;s=Demo.Small"),
                point("Level", PointType.REAL, true, "ns=2;s=Demo.Level"),
                point("Flag", PointType.DIGITAL, true, "ns=2;s=Demo.Flag"),
                point("Text", PointType.STRING, true, "ns=2;s=Demo.Text"));
        awaitUp(driver);
        write(driver, "Sp", 23.5);
        write(driver, "Count", 12L);
        write(driver, "Small", -5L);
        write(driver, "Level", 2.25);
        write(driver, "Flag", 1L);
        write(driver, "Text", "abc");
        assertThat(server.value("Demo.Setpoint")).isEqualTo(23.5);
        assertThat(server.value("Demo.Count")).isEqualTo(12);
        assertThat(server.value("Demo.Small")).isEqualTo((short) -5);
        assertThat(server.value("Demo.Level")).isEqualTo(2.25f);
        assertThat(server.value("Demo.Flag")).isEqualTo(true);
        assertThat(server.value("Demo.Text")).isEqualTo("abc");
        assertThat(driver.read(point("Count")).toCompletableFuture().join().value()).isEqualTo(12L);
        assertThat(driver.read(point("Flag")).toCompletableFuture().join().value()).isEqualTo(1L);
    }

    @Test
    void refusedWriteReportsTheStatusCodeName() {
        OpcuaDriver driver = driver(Map.of(), point("Ro", PointType.REAL, true, "ns=2;s=Demo.ReadOnly"));
        awaitUp(driver);
        assertThatThrownBy(() -> driver.write(point("Ro"), 1.0).toCompletableFuture().join())
                .cause().isInstanceOf(VaktException.class)
                // Milo answers for the access level of the session's user; node-opcua says Bad_NotWritable
                .hasMessageMatching(".*Plc\\.Ro: Bad_(NotWritable|UserAccessDenied).*")
                .satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.WRITE_FAILED));
    }

    @Test
    void valueOutsideTheVariablesTypeIsRefusedBeforeSending() {
        OpcuaDriver driver = driver(Map.of(), point("Small", PointType.INTEGER, true, "ns=2;s=Demo.Small"),
                point("Count", PointType.REAL, true, "ns=2;s=Demo.Count"));
        awaitUp(driver);
        assertThatThrownBy(() -> driver.write(point("Small"), 70000L).toCompletableFuture().join())
                .cause().satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.OUT_OF_RANGE));
        assertThatThrownBy(() -> driver.write(point("Count"), 2.5).toCompletableFuture().join())
                .cause().satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.INVALID_VALUE));
    }

    @Test
    void writeToReadOnlyPointIsNotWritable() {
        OpcuaDriver driver = driver(Map.of(), point("Ro", PointType.REAL, false, "ns=2;s=Demo.ReadOnly"));
        assertThatThrownBy(() -> driver.write(point("Ro"), 1.0).toCompletableFuture().join())
                .cause().satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.NOT_WRITABLE));
    }

    @Test
    void unknownNodeIsNotExist() {
        OpcuaDriver driver = driver(Map.of(), point("Nope", PointType.REAL, false, "ns=2;s=Demo.Nope"));
        driver.advise(point("Nope"));
        await().atMost(WAIT).until(() -> last("Nope") != null && last("Nope").status() == SampleStatus.NOT_EXIST);
        assertThat(driver.read(point("Nope")).toCompletableFuture().join().status()).isEqualTo(SampleStatus.NOT_EXIST);
    }

    @Test
    void serverStopTurnsPointsUnreachableAndValuesReturnAfterRestart() throws Exception {
        TestServer own = TestServer.start(TestServer.freePort());
        try {
            OpcuaDriver driver = driver(Map.of("endpoint", own.endpoint(), "timeout", "1s", "reconnectMin", "100ms",
                    "reconnectMax", "500ms"), point("Changing", PointType.REAL, false, "ns=2;s=Demo.Changing"));
            driver.advise(point("Changing"));
            await().atMost(WAIT).until(() -> goodValues("Changing").size() >= 2);
            long stoppedAt = System.nanoTime();
            own.stop();
            await().atMost(WAIT).until(() -> last("Changing").status() == SampleStatus.UNREACHABLE);
            System.out.printf("unreachable %d ms after the server stopped%n", (System.nanoTime() - stoppedAt) / 1_000_000);
            assertThat(driver.read(point("Changing")).toCompletableFuture().join().status()).isEqualTo(SampleStatus.UNREACHABLE);
            samples.clear();
            own.start();
            await().atMost(WAIT).until(() -> goodValues("Changing").size() >= 2);
            assertThat(driver.link().reconnects()).isGreaterThanOrEqualTo(1);
        } finally {
            own.close();
        }
    }

    @Test
    void firstConnectFailureIsRetriedWithBackoff() throws Exception {
        int port = TestServer.freePort();
        OpcuaDriver driver = driver(Map.of("endpoint", "opc.tcp://127.0.0.1:" + port + "/vakt", "timeout", "1s",
                "reconnectMin", "100ms", "reconnectMax", "300ms"), point("Changing", PointType.REAL, false, "ns=2;s=Demo.Changing"));
        await().atMost(WAIT).until(() -> driver.link().state() == PeerLink.State.DOWN);
        driver.advise(point("Changing"));
        await().atMost(WAIT).until(() -> last("Changing") != null && last("Changing").status() == SampleStatus.UNREACHABLE);
        try (TestServer late = TestServer.start(port)) {
            await().atMost(WAIT).until(() -> goodValues("Changing").size() >= 2);
        }
    }

    @Test
    void peerThatAcceptsButNeverAnswersFailsTheAttemptAndIsRetried() throws Exception {
        List<java.net.Socket> held = new CopyOnWriteArrayList<>();
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) held.add(mute.accept());
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            OpcuaDriver driver = driver(Map.of("endpoint", "opc.tcp://127.0.0.1:" + mute.getLocalPort() + "/vakt",
                    "timeout", "200ms", "reconnectMin", "50ms", "reconnectMax", "100ms"),
                    point("Changing", PointType.REAL, false, "ns=2;s=Demo.Changing"));
            driver.advise(point("Changing"));
            await().atMost(WAIT).until(() -> driver.link().failuresInRow() >= 2);
            assertThat(last("Changing").status()).isEqualTo(SampleStatus.UNREACHABLE);
            System.out.println("mute peer: " + driver.link().lastProblem());
            driver.close();
            acceptor.interrupt();
        } finally {
            for (java.net.Socket socket : held) socket.close();
        }
    }

    @Test
    void usernameLoginIsAccepted() {
        OpcuaDriver driver = driver(Map.of("username", TestServer.USER, "password", TestServer.PASSWORD),
                point("Sp", PointType.REAL, true, "ns=2;s=Demo.Setpoint"));
        awaitUp(driver);
        assertThat(driver.read(point("Sp")).toCompletableFuture().join().status()).isEqualTo(SampleStatus.GOOD);
    }

    @Test
    void wrongPasswordKeepsTheLinkDownNamingTheReason() {
        OpcuaDriver driver = driver(Map.of("username", TestServer.USER, "password", "wrong", "reconnectMin", "5s",
                "reconnectMax", "5s"), point("Sp", PointType.REAL, true, "ns=2;s=Demo.Setpoint"));
        await().atMost(WAIT).until(() -> driver.link().state() == PeerLink.State.DOWN);
        System.out.println("wrong password: " + driver.link().lastProblem());
        assertThat(driver.link().lastProblem()).contains("Bad_UserAccessDenied");
    }

    @Test
    void securedEndpointRefusesAnUntrustedServerNamingItsFingerprint() {
        OpcuaDriver driver = driver(Map.of("securityPolicy", "basic256sha256", "pkiDir", pki.resolve("a").toString(),
                "reconnectMin", "5s", "reconnectMax", "5s"), point("Sp", PointType.REAL, true, "ns=2;s=Demo.Setpoint"));
        await().atMost(WAIT).until(() -> driver.link().state() == PeerLink.State.DOWN);
        String fingerprint = ServerTrust.fingerprint(server.certificate());
        System.out.println("untrusted: " + driver.link().lastProblem());
        assertThat(driver.link().lastProblem()).contains(fingerprint).contains("trustServer");
    }

    @Test
    void securedEndpointWithTrustedServerDeliversAndKeepsTheKeyPrivate() throws Exception {
        Path dir = pki.resolve("b");
        OpcuaDriver driver = driver(Map.of("securityPolicy", "basic256sha256", "securityMode", "signandencrypt",
                        "pkiDir", dir.toString(), "trustServer", ServerTrust.fingerprint(server.certificate()),
                        "username", TestServer.USER, "password", TestServer.PASSWORD),
                point("Changing", PointType.REAL, false, "ns=2;s=Demo.Changing"));
        driver.advise(point("Changing"));
        await().atMost(WAIT).until(() -> goodValues("Changing").size() >= 2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("client.p12")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void unadviseStopsDelivery() {
        OpcuaDriver driver = driver(Map.of(), point("Changing", PointType.REAL, false, "ns=2;s=Demo.Changing"));
        driver.advise(point("Changing"));
        await().atMost(WAIT).until(() -> goodValues("Changing").size() >= 2);
        driver.unadvise(point("Changing"));
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        int seen = samples.get("Changing").size();
        await().pollDelay(Duration.ofMillis(800)).atMost(WAIT).until(() -> true);
        assertThat(samples.get("Changing")).hasSize(seen);
    }

    // ---- helpers

    private final Map<String, Point> points = new HashMap<>();

    private Point point(String address) { return points.get(address); }

    private Point point(String address, PointType type, boolean writable, String node, String... options) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("node", node);
        for (int i = 0; i < options.length; i += 2) all.put(options[i], options[i + 1]);
        Point point = new Point(address, type, "", writable, null, null, "", all, new SourceRef("controllers/Plc.yaml", 5));
        points.put(address, point);
        return point;
    }

    private OpcuaDriver driver(Map<String, String> settings, Point... pointList) {
        Map<String, String> all = new HashMap<>(Map.of("endpoint", server.endpoint(), "publishingInterval", "100ms",
                "samplingInterval", "50ms", "reconnectMin", "100ms", "reconnectMax", "1s"));
        all.putAll(settings);
        Controller controller = new Controller("Plc", "Plc", "opcua", all, List.of(pointList), new SourceRef("controllers/Plc.yaml", 1));
        new OpcuaDriverFactory().validate(controller);
        OpcuaDriver driver = new OpcuaDriver(new DriverContext(controller, (point, sample) ->
                samples.computeIfAbsent(point.address(), key -> new CopyOnWriteArrayList<>()).add(sample),
                scheduler, Clock.systemUTC()));
        drivers.add(driver);
        driver.start();
        return driver;
    }

    private void awaitUp(OpcuaDriver driver) {
        await().atMost(WAIT).until(() -> driver.link().isUp());
    }

    private void write(OpcuaDriver driver, String address, Object value) {
        driver.write(point(address), value).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private Sample last(String address) {
        List<Sample> list = samples.get(address);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }

    private List<Object> goodValues(String address) {
        return samples.getOrDefault(address, List.of()).stream().filter(s -> s.status() == SampleStatus.GOOD)
                .map(Sample::value).toList();
    }
}
