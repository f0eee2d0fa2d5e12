package io.vakt.server.tls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain-HTTP listener of {@code tls.redirectPort}. */
class RedirectTest {
    private final Path folder = TlsFixture.tempFolder();
    private final HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private TlsFixture.Running running;

    @AfterEach
    void stop() {
        if (running != null) running.close();
        TlsFixture.deleteTree(folder);
    }

    private void start(String hostName) {
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        TlsFixture.leaf().writePem(cert, key);
        int redirectPort = freePort();
        running = TlsFixture.start(folder, tls -> tls.withCertificate(cert).withKey(key).withRedirectPort(redirectPort)
                .withHostName(hostName));
        assertThat(running.server().redirectPort()).isEqualTo(redirectPort);
    }

    private String plainUrl(String pathAndQuery) {
        return "http://127.0.0.1:" + running.server().redirectPort() + pathAndQuery;
    }

    @Test
    void getAndHeadAreMovedPermanentlyToTheSameUrlOnHttps() throws Exception {
        start(null);
        for (String method : new String[] {"GET", "HEAD"}) {
            HttpResponse<String> response = plain.send(HttpRequest.newBuilder(URI.create(plainUrl("/arrigo/?page=2")))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(301);
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("https://127.0.0.1:" + running.port() + "/arrigo/?page=2");
        }
        // and the target answers, with a client trusting the CA
        HttpResponse<String> followed = TlsFixture.client().send(HttpRequest.newBuilder(URI.create(
                "https://127.0.0.1:" + running.port() + "/arrigo/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodsKeepTheirMethodWith308() throws Exception {
        start(null);
        HttpResponse<String> response = plain.send(HttpRequest.newBuilder(URI.create(plainUrl("/arrigo/api/login")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + running.port() + "/arrigo/api/login");
    }

    @Test
    void healthAnswersOnThePlainPortForLoadBalancers() throws Exception {
        start(null);
        HttpResponse<String> response = plain.send(HttpRequest.newBuilder(URI.create(plainUrl("/arrigo/api/health"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void theConfiguredHostNameWinsOverTheHostHeader() throws Exception {
        start("vakt.example.com");
        HttpResponse<String> response = plain.send(HttpRequest.newBuilder(URI.create(plainUrl("/arrigo/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Location")).hasValue("https://vakt.example.com:" + running.port() + "/arrigo/");
    }

    @Test
    void aRequestWithoutHostCannotBeRedirectedAndSaysWhy() throws Exception {
        start(null);
        try (Socket socket = new Socket("127.0.0.1", running.server().redirectPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /arrigo/ HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.").contains(" 400 ");
            String rest = in.lines().reduce("", (a, b) -> a + b + "\n");
            assertThat(rest).contains("tls.hostName");
        }
    }

    @Test
    void aPlainRequestToTheHttpsPortFailsTheHandshakeInsteadOfBeingServed() {
        start(null);
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port()
                + "/arrigo/api/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
