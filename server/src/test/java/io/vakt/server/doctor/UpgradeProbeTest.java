package io.vakt.server.doctor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe against raw peers for the two answers no component in this module can produce: a proxy's 502, and a
 * peer that takes the upgrade request and never answers (a firewall holding it). nginx gives the 502 in the ITs.
 */
class UpgradeProbeTest {
    private final List<Socket> held = new ArrayList<>();
    private ServerSocket peer;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : held) socket.close();
        if (peer != null) peer.close();
    }

    @Test
    void aBadGatewayAnswerIsRefusedWithStatusHeadersAndBody() throws Exception {
        peer = answering("HTTP/1.1 502 Bad Gateway\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\nContent-Length: 24\r\n"
                + "Connection: close\r\n\r\n<h1>502 Bad Gateway</h1>");
        UpgradeOutcome outcome = UpgradeProbe.open(link(), "/wamp", "wamp.2.json");
        assertThat(outcome).isInstanceOf(UpgradeOutcome.Refused.class);
        HttpLink.Reply reply = ((UpgradeOutcome.Refused) outcome).reply();
        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.server()).isEqualTo("nginx/1.22.1");
        StepResult judged = UpgradeDiagnosis.judge("w", link().target(), "/wamp", outcome, "/graphql/ws", false);
        assertThat(judged.cause()).isEqualTo("the proxy cannot reach Vakt (connection refused or reset) for /arrigo/api/wamp");
    }

    @Test
    void aPeerThatNeverAnswersTimesOut() throws Exception {
        peer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                held.add(peer.accept()); // read nothing, answer nothing
            } catch (IOException ignored) {
                // closed by the test
            }
        });
        UpgradeOutcome outcome = UpgradeProbe.open(link(), "/graphql/ws", "graphql-transport-ws");
        assertThat(outcome).isInstanceOf(UpgradeOutcome.TimedOut.class);
    }

    private HttpLink link() {
        return new HttpLink(DoctorTarget.parse("http://127.0.0.1:" + peer.getLocalPort()), Duration.ofSeconds(1), null);
    }

    private ServerSocket answering(String response) throws IOException {
        ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    InputStream in = client.getInputStream();
                    byte[] buffer = new byte[8192];
                    StringBuilder request = new StringBuilder();
                    while (!request.toString().contains("\r\n\r\n")) {
                        int read = in.read(buffer);
                        if (read < 0) break;
                        request.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    }
                    client.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the test closed the socket
                }
            }
        });
        return socket;
    }
}
