package io.vakt.it.drivers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver tests' harness checked on parts whose behaviour is known: a simulated controller served through
 * {@link DriverSite} (subscribe, read, write), and the two relays in front of loopback echo peers.
 */
class DriverHarnessIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void siteServesAControllersPointsToSubscribersAndWrites(@TempDir Path work) {
        String controller = """
                driver: simulator
                settings:
                  interval: 50ms
                  unreachableChance: 0
                points:
                  - address: Counter
                    type: integer
                    sim: "counter(rate=20, per=s)"
                  - address: Setpoint
                    type: real
                    writable: yes
                    min: 10
                    max: 30
                    initial: 21
                """;
        try (DriverSite site = DriverSite.builder(work).controller("Sim1", controller).start();
             Subscriber subscriber = site.subscribe()) {
            subscriber.awaitValue("Sim1.Setpoint", "21", WAIT);
            LiveUpdate first = subscriber.await("Sim1.Counter", LiveUpdate::hasValue, WAIT);
            subscriber.awaitNext("Sim1.Counter", update -> !update.value().equals(first.value()), WAIT);

            assertThat(site.write("Sim1.Setpoint", "23.5").ok()).isTrue();
            subscriber.awaitValue("Sim1.Setpoint", "23.5", WAIT);
            assertThat(site.read("Sim1.Setpoint")).isEqualTo("23.5");
            assertThat(site.readType("Sim1.Setpoint")).isIn("Response", "Update");

            DriverSite.WriteOutcome refused = site.write("Sim1.Setpoint", "99");
            assertThat(refused.ok()).isFalse();
            assertThat(refused.error()).contains("outside [10, 30]", "OUT_OF_RANGE");
            assertThatThrownBy(() -> subscriber.awaitValue("Sim1.Setpoint", "99", Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("23.5");
        }
    }

    @Test
    void tcpRelayForwardsRefusesWhenCutAndRecovers() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serveEcho(echo));
            try (TcpRelay relay = TcpRelay.start(echo.getLocalPort())) {
                assertThat(roundTrip(relay.port(), "one")).isEqualTo("one");
                relay.cut();
                assertThatThrownBy(() -> roundTrip(relay.port(), "two")).isInstanceOf(java.io.IOException.class);
                relay.restore();
                assertThat(roundTrip(relay.port(), "three")).isEqualTo("three");
                relay.freeze();
                assertThatThrownBy(() -> roundTrip(relay.port(), "four")).isInstanceOf(SocketTimeoutException.class);
                relay.restore();
                assertThat(roundTrip(relay.port(), "five")).isEqualTo("five");
                assertThat(relay.accepted()).isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void udpRelayForwardsBothWaysAndDropsWhenCut() throws Exception {
        try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             UdpRelay relay = UdpRelay.start(echo.getLocalPort());
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread.ofVirtual().start(() -> serveUdpEcho(echo));
            client.setSoTimeout(500);
            assertThat(udpRoundTrip(client, relay.port(), "one")).isEqualTo("one");
            relay.cut();
            assertThatThrownBy(() -> udpRoundTrip(client, relay.port(), "two")).isInstanceOf(SocketTimeoutException.class);
            relay.restore();
            assertThat(udpRoundTrip(client, relay.port(), "three")).isEqualTo("three");
        }
    }

    @Test
    void resourceCountSeesAThreadThatStaysBehind() throws Exception {
        ResourceCount before = ResourceCount.now();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.List<Thread> parked = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            parked.add(Thread.ofPlatform().name("left-behind-" + i).start(() -> {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // ends the thread
                }
            }));
        }
        try {
            assertThatThrownBy(() -> ResourceCount.now().assertNoLeakSince(before, "parked threads"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("left-behind-#");
        } finally {
            release.countDown();
            for (Thread thread : parked) thread.join();
        }
        ResourceCount.now().assertNoLeakSince(before, "nothing");
    }

    private static void serveEcho(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                        in.transferTo(out);
                    } catch (java.io.IOException ignored) {
                        // client went away
                    }
                });
            } catch (java.io.IOException closed) {
                return;
            }
        }
    }

    private static String roundTrip(int port, String text) throws java.io.IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(500);
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            byte[] answer = socket.getInputStream().readNBytes(text.length());
            if (answer.length < text.length()) throw new java.io.EOFException("closed after " + answer.length + " bytes");
            return new String(answer, StandardCharsets.UTF_8);
        }
    }

    private static void serveUdpEcho(DatagramSocket socket) {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
            } catch (java.io.IOException closed) {
                return;
            }
        }
    }

    private static String udpRoundTrip(DatagramSocket client, int port, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        DatagramPacket answer = new DatagramPacket(new byte[512], 512);
        client.receive(answer);
        return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
    }
}
