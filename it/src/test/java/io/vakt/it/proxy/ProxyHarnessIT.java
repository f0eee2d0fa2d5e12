package io.vakt.it.proxy;

import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness itself: real nginx and HAProxy start, serve, reload and stop as the proxy ITs expect. */
class ProxyHarnessIT {
    private static EmbeddedServer vakt;

    @BeforeAll
    static void startVakt() { vakt = EmbeddedServer.start(); }

    @AfterAll
    static void stopVakt() { if (vakt != null) vakt.close(); }

    @Test
    void nginxServesTheSeedConfigAndReloadsOnTheSamePort(@TempDir Path dir) throws Exception {
        try (Nginx nginx = Nginx.start(dir, Nginx.SEED, vakt.port())) {
            HttpClient client = ProxyHttp.client(null);
            HttpResponse<String> health = ProxyHttp.get(client, nginx.baseUrl() + "/arrigo/api/health");
            assertThat(health.statusCode()).as(nginx.errorLogText()).isEqualTo(200);
            assertThat(health.headers().firstValue("Server")).hasValueSatisfying(v -> assertThat(v).startsWith("nginx"));
            assertThat(health.headers().firstValue("X-Vakt-Version")).isPresent();

            int port = nginx.port();
            nginx.reconfigure(Nginx.NOT_ROUTED);
            assertThat(nginx.port()).isEqualTo(port);
            // a kept-alive connection stays with the old worker and the old configuration: a new client
            HttpResponse<String> notRouted = ProxyHttp.get(ProxyHttp.client(null), nginx.baseUrl() + "/arrigo/api/graphql/ws");
            assertThat(notRouted.statusCode()).isEqualTo(404);
            assertThat(notRouted.headers().firstValue("X-Vakt-Version")).as("nginx answered, not Vakt").isEmpty();

            nginx.reconfigure(Nginx.NO_UPGRADE);
            UpgradeProbe.Answer dropped = UpgradeProbe.open(nginx.webSocketBaseUrl() + "/arrigo/api/graphql/ws", null,
                    null, "graphql-transport-ws");
            assertThat(dropped.status()).as(dropped.head()).isEqualTo(426);
            assertThat(dropped.headers()).containsKey("x-vakt-version");

            nginx.reconfigure(Nginx.SEED);
            UpgradeProbe.Answer upgraded = UpgradeProbe.open(nginx.webSocketBaseUrl() + "/arrigo/api/graphql/ws", null,
                    null, "graphql-transport-ws");
            assertThat(upgraded.status()).as(upgraded.head()).isEqualTo(101);
            assertThat(upgraded.headers()).containsEntry("sec-websocket-protocol", "graphql-transport-ws");
        }
    }

    @Test
    void eachBrokenConfigurationBreaksExactlyWhatItsNameSays(@TempDir Path dir) {
        try (Nginx nginx = Nginx.start(dir, Nginx.NO_WAMP_LOCATION, vakt.port())) {
            assertThat(status(nginx, "/arrigo/api/graphql/ws", "graphql-transport-ws")).isEqualTo(101);
            assertThat(status(nginx, "/arrigo/api/wamp", "wamp.2.json")).isEqualTo(426);

            nginx.reconfigure(Nginx.NO_UPGRADE);
            assertThat(status(nginx, "/arrigo/api/graphql/ws", "graphql-transport-ws")).isEqualTo(426);
            assertThat(status(nginx, "/arrigo/api/wamp", "wamp.2.json")).isEqualTo(426);

            nginx.reconfigure(Nginx.SEED);
            assertThat(status(nginx, "/arrigo/api/wamp", "wamp.2.json")).isEqualTo(101);
            // nginx's locations are case-sensitive, Vakt's paths are not (docs/deploy/nginx.md, "What it lacks")
            assertThat(status(nginx, "/Arrigo/api/wamp", "wamp.2.json")).isEqualTo(426);
        }
    }

    private static int status(Nginx nginx, String path, String subprotocol) {
        UpgradeProbe.Answer answer = UpgradeProbe.open(nginx.webSocketBaseUrl() + path, null, null, subprotocol);
        return answer.status();
    }

    @Test
    void nginxTerminatesTlsWithACaSignedCertificate(@TempDir Path dir) {
        TestCertificates ca = TestCertificates.authority(dir);
        TestCertificates.CertificateFiles server = ca.issue("server", "localhost");
        try (Nginx nginx = Nginx.startTls(dir.resolve("nginx"), Nginx.SEED, vakt.port(),
                server.certificateChain(), server.privateKey())) {
            assertThat(nginx.baseUrl()).startsWith("https://");
            HttpResponse<String> health = ProxyHttp.get(ProxyHttp.client(TestCertificates.trusting(ca.caCertificateFile())),
                    nginx.baseUrl() + "/arrigo/api/health");
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void haproxyTerminatesTlsAndRedirectsPlainHttp(@TempDir Path dir) {
        TestCertificates ca = TestCertificates.authority(dir);
        TestCertificates.CertificateFiles server = ca.issue("server", "localhost");
        try (Haproxy haproxy = Haproxy.startTls(dir.resolve("haproxy"), vakt.port(), server.combined(), Duration.ofHours(1))) {
            SSLContext trust = TestCertificates.trusting(ca.caCertificateFile());
            HttpResponse<String> health = ProxyHttp.get(ProxyHttp.client(trust), haproxy.baseUrl() + "/arrigo/api/health");
            assertThat(health.statusCode()).as(haproxy.log()).isEqualTo(200);
            HttpResponse<String> redirect = ProxyHttp.get(ProxyHttp.client(null), haproxy.redirectingBaseUrl() + "/arrigo/api/health");
            assertThat(redirect.statusCode()).isEqualTo(301);
            assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).startsWith("https://"));
        }
    }

    @Test
    void anExpiredCertificateIsRefusedByAClientThatTrustsItsAuthority(@TempDir Path dir) {
        TestCertificates ca = TestCertificates.authority(dir);
        TestCertificates.CertificateFiles expired = ca.issueExpired("expired", "localhost");
        try (Nginx nginx = Nginx.startTls(dir.resolve("nginx"), Nginx.SEED, vakt.port(),
                expired.certificateChain(), expired.privateKey())) {
            HttpClient client = ProxyHttp.client(TestCertificates.trusting(ca.caCertificateFile()));
            assertThatThrownBy(() -> ProxyHttp.get(client, nginx.baseUrl() + "/arrigo/api/health"))
                    .hasStackTraceContaining("CertificateExpiredException");
        }
    }
}
