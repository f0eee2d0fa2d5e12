package io.vakt.server.tls;

import io.vakt.server.VaktServer;
import io.vakt.server.config.VaktConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLHandshakeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real Vakt serving HTTPS from the files an operator would configure, and real JDK clients. */
class HttpsServerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = TlsFixture.client();
    private final Path folder = TlsFixture.tempFolder();
    private TlsFixture.Running running;

    @AfterEach
    void stop() {
        if (running != null) running.close();
        TlsFixture.deleteTree(folder);
    }

    private TlsFixture.Running startWithPem(IssuedCertificate issued, java.util.function.UnaryOperator<VaktConfig.Tls> more) {
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        issued.writePem(cert, key);
        running = TlsFixture.start(folder, tls -> more.apply(tls.withCertificate(cert).withKey(key)));
        return running;
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login(TlsFixture.Running server) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", "admin", "password", TlsFixture.ADMIN_PASSWORD)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("authToken").asString();
    }

    @Test
    void loginSysinfoAndAGraphqlWebSocketOverHttps() throws Exception {
        // HSTS on, so the WebSocket upgrade is also shown to work with the header added to every HTTPS answer
        TlsFixture.Running server = startWithPem(TlsFixture.leaf(), tls -> tls.withHsts(Duration.ofDays(1)));
        String token = login(server);

        JsonNode tls = JSON.readTree(get(server.apiUrl() + "/sysinfo", token).body()).get("tls");
        assertThat(tls.get("enabled").asBoolean()).isTrue();
        assertThat(tls.get("subject").asString()).contains("CN=localhost");
        assertThat(tls.get("issuer").asString()).contains("CN=Vakt Test Root CA");
        assertThat(tls.get("selfSigned").asBoolean()).isFalse();
        assertThat(tls.get("daysLeft").asLong()).isBetween(59L, 60L);
        assertThat(tls.get("names").toString()).contains("localhost", "127.0.0.1");
        assertThat(tls.get("findings").size()).isZero();

        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = client.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/arrigo/api/graphql/ws"), collector(received))
                .get(10, TimeUnit.SECONDS);
        try {
            assertThat(socket.getSubprotocol()).isEqualTo("graphql-transport-ws");
            socket.sendText(JSON.writeValueAsString(Map.of("type", "connection_init", "payload", Map.of("authToken", token))), true)
                    .get(5, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).contains("\"connection_ack\"");
        } finally {
            socket.abort();
        }
    }

    @Test
    void aClientThatDoesNotTrustTheIssuerIsRefusedInTheHandshake() {
        TlsFixture.Running server = startWithPem(TlsFixture.leaf(), tls -> tls);
        HttpClient stranger = HttpClient.newBuilder().sslContext(TlsFixture.trusting(
                SelfSignedCertificate.createCa("Someone else").certificate())).build();
        assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(URI.create(server.apiUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void pkcs12KeyStore() throws Exception {
        IssuedCertificate issued = TlsFixture.leaf();
        Path store = folder.resolve("vakt.p12");
        issued.writePkcs12(store, "changeit");
        running = TlsFixture.start(folder, tls -> tls.withKeyStore(store).withKeyStorePassword("changeit"));
        assertThat(get(running.apiUrl() + "/health", null).statusCode()).isEqualTo(200);
        assertThat(TlsFixture.servedSerial(running.port())).isEqualTo(issued.certificate().getSerialNumber());
    }

    @Test
    void hstsOnlyWhenConfigured() throws Exception {
        startWithPem(TlsFixture.leaf(), tls -> tls.withHsts(Duration.ofDays(180)));
        assertThat(get(running.apiUrl() + "/health", null).headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=15552000");
        running.close();
        running = null;

        startWithPem(TlsFixture.leaf(), tls -> tls);
        assertThat(get(running.apiUrl() + "/health", null).headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void findingsOfAnIncompleteChainReachSysinfo() throws Exception {
        IssuedCertificate issued = TlsFixture.leaf();
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        issued.writeLeafOnlyPem(cert, key);
        running = TlsFixture.start(folder, tls -> tls.withCertificate(cert).withKey(key).withHostName("vakt.example.com"));
        JsonNode findings = JSON.readTree(get(running.apiUrl() + "/sysinfo", login(running)).body()).get("tls").get("findings");
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < findings.size(); i++) codes.add(findings.get(i).get("code").asString());
        assertThat(codes).containsExactly(CertificateFinding.HOST_MISMATCH,
                CertificateFinding.INCOMPLETE_CHAIN);
        assertThat(findings.get(0).get("fix").asString()).contains("vakt.example.com");
    }

    @Test
    void aBrokenKeyFileStopsTheStartWithALineNamingIt() throws Exception {
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        TlsFixture.leaf().writePem(cert, key);
        TlsFixture.leaf().writePem(folder.resolve("other.pem"), key);
        assertThatThrownBy(() -> TlsFixture.start(folder, tls -> tls.withCertificate(cert).withKey(key)))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("tls.key " + key + ": the private key does not belong to the certificate");
    }

    @Test
    void plainHttpStaysPlainWithTlsOff() throws Exception {
        running = TlsFixture.start(folder, tls -> tls);
        VaktServer server = running.server();
        assertThat(server.tls()).isEmpty();
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/arrigo/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    static WebSocket.Listener collector(LinkedBlockingQueue<String> received) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

}
