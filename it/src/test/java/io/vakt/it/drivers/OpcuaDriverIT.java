package io.vakt.it.drivers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code opcua} driver against node-opcua's server (it/src/test/node/opcua-server.mjs), an OPC UA stack no
 * one here wrote, end to end: values reach a GraphQL subscriber, writes are read back, refusals carry the
 * server's status name, a killed server turns the points ErrorUnreachable and a restarted one brings values
 * back, a user logs in, and a hundred connection cuts leak nothing.
 */
class OpcuaDriverIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path work;

    private ChildProcess peer;
    private int port;

    @BeforeEach
    void startPeer() {
        Prerequisites.nodeDir();
        port = ChildProcess.freePort();
        peer = startServer();
    }

    @AfterEach
    void stopPeer() {
        if (peer != null) peer.stop();
    }

    private ChildProcess startServer() {
        ChildProcess server = ChildProcess.start("opcua-server", List.of(Prerequisites.node().toString(),
                Prerequisites.nodeDir().resolve("opcua-server.mjs").toString(), String.valueOf(port),
                work.resolve("pki").toString()), work);
        // the first start creates the server's certificate, which takes a while on a slow machine
        server.awaitOutput("listening", START);
        return server;
    }

    private static String controller(int port, String extraSettings) {
        return """
                title: Plant room OPC UA server
                driver: opcua
                settings:
                  endpoint: opc.tcp://127.0.0.1:%d/vakt
                  publishingInterval: 200ms
                  samplingInterval: 100ms
                  timeout: 2s
                  reconnectMin: 200ms
                  reconnectMax: 1s
                %s
                points:
                  - address: Changing
                    type: real
                    node: ns=1;s=Demo.Changing
                  - address: Setpoint
                    type: real
                    writable: true
                    node: ns=1;s=Demo.Setpoint
                  - address: Count
                    type: integer
                    writable: true
                    node: ns=1;s=Demo.Count
                  - address: Flag
                    type: digital
                    writable: true
                    node: ns=1;s=Demo.Flag
                  - address: Text
                    type: string
                    writable: true
                    node: ns=1;s=Demo.Text
                  - address: ReadOnly
                    type: real
                    writable: true
                    node: ns=1;s=Demo.ReadOnly
                """.formatted(port, extraSettings);
    }

    @Test
    void readsSubscribesWritesAndSurvivesTheServerGoingAway() {
        try (DriverSite site = DriverSite.builder(work).controller("Ua1", controller(port, "")).start();
             Subscriber subscriber = site.subscribe()) {
            // subscribe: the changing variable keeps changing at the GraphQL subscriber
            LiveUpdate first = subscriber.await("Ua1.Changing", LiveUpdate::hasValue, WAIT);
            subscriber.awaitNext("Ua1.Changing", update -> update.hasValue() && !update.value().equals(first.value()), WAIT);
            subscriber.awaitValue("Ua1.Setpoint", "21.5", WAIT);
            subscriber.awaitValue("Ua1.Count", "7", WAIT);
            subscriber.awaitValue("Ua1.Flag", "0", WAIT);
            subscriber.awaitValue("Ua1.Text", "hello", WAIT);
            // read
            assertThat(Double.parseDouble(site.read("Ua1.ReadOnly"))).isEqualTo(42.0);

            // write with read-back, one per data type
            assertThat(site.write("Ua1.Setpoint", "23.5").ok()).isTrue();
            subscriber.awaitValue("Ua1.Setpoint", "23.5", WAIT);
            assertThat(site.write("Ua1.Count", "12").ok()).isTrue();
            subscriber.awaitValue("Ua1.Count", "12", WAIT);
            assertThat(site.write("Ua1.Flag", "1").ok()).isTrue();
            subscriber.awaitValue("Ua1.Flag", "1", WAIT);
            assertThat(site.write("Ua1.Text", "abc").ok()).isTrue();
            subscriber.awaitValue("Ua1.Text", "abc", WAIT);
            assertThat(Double.parseDouble(site.read("Ua1.Setpoint"))).isEqualTo(23.5);

            // the server's refusal reaches the writer with its status name
            DriverSite.WriteOutcome refused = site.write("Ua1.ReadOnly", "1");
            assertThat(refused.ok()).isFalse();
            assertThat(refused.error()).contains("Bad_NotWritable");

            // kill the server: ErrorUnreachable within the timeout (2 s) plus delivery slack
            long killed = System.nanoTime();
            peer.stop();
            LiveUpdate down = subscriber.await("Ua1.Changing", update -> update.receivedAtNanos() > killed
                    && update.type().equals("ErrorUnreachable"), WAIT);
            long detectMillis = (down.receivedAtNanos() - killed) / 1_000_000;
            System.out.println("opcua: ErrorUnreachable " + detectMillis + " ms after the server was killed");
            assertThat(detectMillis).isLessThan(2_000 + 3_000);

            // restart it: values return by themselves
            long restarted = System.nanoTime();
            peer = startServer();
            LiveUpdate back = subscriber.await("Ua1.Changing", update -> update.receivedAtNanos() > restarted
                    && update.hasValue(), Duration.ofSeconds(30));
            System.out.println("opcua: values back " + (back.receivedAtNanos() - restarted) / 1_000_000 + " ms after restart");
            assertThat(site.write("Ua1.Setpoint", "19").ok()).isTrue();
            subscriber.awaitValue("Ua1.Setpoint", "19", WAIT);
        }
    }

    @Test
    void usernameLogin() {
        String user = "  username: operator\n  password: secret";
        String wrong = "  username: operator\n  password: wrong";
        try (DriverSite site = DriverSite.builder(work).controller("Ua2", controller(port, user))
                .controller("Ua3", controller(port, wrong)).start();
             Subscriber subscriber = site.subscribe()) {
            subscriber.await("Ua2.Changing", LiveUpdate::hasValue, WAIT);
            subscriber.awaitType("Ua3.Changing", "ErrorUnreachable", WAIT);
        }
    }

    @Test
    void securedChannelTrustsOnlyTheConfiguredServerCertificate() {
        Path serverCertificate = work.resolve("pki/server/own/certs/certificate.pem");
        String trusted = "  securityPolicy: basic256sha256\n  securityMode: signandencrypt\n  pkiDir: " + work.resolve("client-pki")
                + "\n  trustServer: " + serverCertificate + "\n  username: operator\n  password: secret";
        String untrusted = "  securityPolicy: basic256sha256\n  pkiDir: " + work.resolve("client-pki");
        try (DriverSite site = DriverSite.builder(work.resolve("site")).controller("Ua6", controller(port, trusted))
                .controller("Ua7", controller(port, untrusted)).start();
             Subscriber subscriber = site.subscribe()) {
            subscriber.await("Ua6.Changing", LiveUpdate::hasValue, WAIT);
            assertThat(site.write("Ua6.Setpoint", "24").ok()).isTrue();
            subscriber.awaitValue("Ua6.Setpoint", "24", WAIT);
            subscriber.awaitType("Ua7.Changing", "ErrorUnreachable", WAIT);
        }
    }

    @Test
    void silentServerTurnsPointsUnreachableWithinTheTimeout() {
        try (TcpRelay relay = TcpRelay.start(port);
             DriverSite site = DriverSite.builder(work).controller("Ua5", """
                     driver: opcua
                     settings:
                       endpoint: opc.tcp://127.0.0.1:%d/vakt
                       publishingInterval: 100ms
                       samplingInterval: 50ms
                       timeout: 1s
                       reconnectMin: 100ms
                       reconnectMax: 500ms
                     points:
                       - address: Changing
                         type: real
                         node: ns=1;s=Demo.Changing
                     """.formatted(relay.port())).start();
             Subscriber subscriber = site.subscribe()) {
            subscriber.await("Ua5.Changing", LiveUpdate::hasValue, WAIT);
            // the connection stays open but nothing answers: only the session keep-alive can tell
            long frozen = System.nanoTime();
            relay.freeze();
            LiveUpdate down = subscriber.await("Ua5.Changing", update -> update.receivedAtNanos() > frozen
                    && update.type().equals("ErrorUnreachable"), WAIT);
            long detectMillis = (down.receivedAtNanos() - frozen) / 1_000_000;
            System.out.println("opcua: silent server detected after " + detectMillis + " ms (timeout 1s)");
            assertThat(detectMillis).isLessThan(1_000 + 1_500);
            long restored = System.nanoTime();
            relay.restore();
            subscriber.await("Ua5.Changing", update -> update.receivedAtNanos() > restored && update.hasValue(), WAIT);
        }
    }

    @Test
    void hundredReconnectsThroughARelayLeakNothing() {
        int cycles = 100;
        try (TcpRelay relay = TcpRelay.start(port);
             DriverSite site = DriverSite.builder(work).controller("Ua4", """
                     driver: opcua
                     settings:
                       endpoint: opc.tcp://127.0.0.1:%d/vakt
                       publishingInterval: 100ms
                       samplingInterval: 50ms
                       timeout: 1s
                       reconnectMin: 10ms
                       reconnectMax: 50ms
                     points:
                       - address: Changing
                         type: real
                         node: ns=1;s=Demo.Changing
                     """.formatted(relay.port())).start();
             Subscriber subscriber = site.subscribe()) {
            ReconnectCycles.run("opcua", subscriber, "Ua4.Changing", relay::cut, relay::restore, cycles);
        }
    }
}
