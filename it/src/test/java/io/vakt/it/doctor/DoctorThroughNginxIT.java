package io.vakt.it.doctor;

import io.vakt.it.proxy.Nginx;
import io.vakt.it.proxy.TestCertificates;
import io.vakt.server.config.VaktConfig;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vakt doctor} through a real nginx (Debian's) in front of a real Vakt: passing on the seed page's
 * configuration, and naming cause and fix on each broken one the issue lists. The CLI runs in-process with
 * {@code --json}, so every assertion reads the same document an operator's script would.
 */
class DoctorThroughNginxIT {
    @TempDir
    Path work;

    @Test
    void theSeedConfigurationPassesEveryCheckIncludingAShortIdleWait() throws IOException {
        try (Setup setup = Setup.start(work, Nginx.SEED, true)) {
            DoctorCli doctor = setup.doctor("--idle", "5");
            assertThat(doctor.exitCode()).as(doctor.summary()).isZero();
            assertThat(doctor.step("WebSocket upgrade /wamp").path("detail").asString()).contains("wamp.2.json");
            assertThat(doctor.step("GraphQL subprotocols").path("detail").asString()).contains("graphql-ws negotiated");
            assertThat(doctor.step("WAMP serializers").path("detail").asString()).contains("wamp.2.msgpack negotiated");
            assertThat(doctor.step("Idle sessions").path("detail").asString()).startsWith("both sessions survived 5 s quiet");
            assertThat(doctor.step("Server's view of this client").path("detail").asString()).contains("X-Forwarded-For");
        }
    }

    @Test
    void aProxySendingAFixedHostNameMakesTheSitesOwnPagesCrossOriginAndIsNamed() throws IOException {
        // the WebSocket locations send Vakt "Host: vakt.internal": Vakt cannot tell the site's pages from another site's
        String fixedHost = Nginx.SEED.replace("proxy_http_version 1.1;", "proxy_http_version 1.1;\n  proxy_set_header Host vakt.internal;");
        try (Setup setup = Setup.start(work, fixedHost, false)) {
            DoctorCli doctor = setup.doctor();
            assertThat(doctor.exitCode()).as(doctor.summary()).isEqualTo(1);
            assertThat(doctor.status("WebSocket upgrade /graphql/ws")).as("without Origin, as services connect").isEqualTo("ok");
            assertThat(doctor.status("Browser origin")).isEqualTo("fail");
            assertThat(doctor.cause("Browser origin")).startsWith("browsers on " + setup.nginx.baseUrl() + " are refused");
            assertThat(doctor.step("Browser origin").path("fix").asString()).contains("Host $http_host", "webSocket.allowedOrigins");
        }
    }

    @Test
    void aMissingWampLocationIsNamedWithTheBlockToAdd() throws IOException {
        try (Setup setup = Setup.start(work, Nginx.NO_WAMP_LOCATION, true)) {
            DoctorCli doctor = setup.doctor();
            assertThat(doctor.exitCode()).as(doctor.summary()).isEqualTo(1);
            assertThat(doctor.status("WebSocket upgrade /graphql/ws")).isEqualTo("ok");
            assertThat(doctor.status("WebSocket upgrade /wamp")).isEqualTo("fail");
            assertThat(doctor.cause("WebSocket upgrade /wamp")).contains(
                    "passes the WebSocket upgrade for /arrigo/api/graphql/ws but not for /arrigo/api/wamp",
                    "no location for /arrigo/api/wamp");
            assertThat(doctor.step("WebSocket upgrade /wamp").path("fix").asString())
                    .contains("location ~* ^/arrigo/api/(graphql/ws|wamp)$ {", "proxy_set_header Upgrade $http_upgrade;");
            assertThat(doctor.status("WAMP session and ssf.info")).isEqualTo("skip");
            assertThat(doctor.status("GraphQL subscription")).isEqualTo("ok");
        }
    }

    @Test
    void aProxyThatDropsTheUpgradeHeaderIsNamedOnBothEndpoints() throws IOException {
        try (Setup setup = Setup.start(work, Nginx.NO_UPGRADE, true)) {
            DoctorCli doctor = setup.doctor();
            assertThat(doctor.exitCode()).as(doctor.summary()).isEqualTo(1);
            for (String step : List.of("WebSocket upgrade /graphql/ws", "WebSocket upgrade /wamp")) {
                assertThat(doctor.status(step)).isEqualTo("fail");
                assertThat(doctor.cause(step)).startsWith("the Upgrade header was stripped on the way: Vakt got a plain HTTP request (426)");
                assertThat(doctor.step(step).path("fix").asString()).contains("nginx: add this block", "proxy_http_version 1.1;");
            }
            assertThat(doctor.status("HTTP API")).isEqualTo("ok");
        }
    }

    @Test
    void aProxyThatDoesNotRouteTheWebSocketPathsIsNamed() throws IOException {
        try (Setup setup = Setup.start(work, Nginx.NOT_ROUTED, true)) {
            DoctorCli doctor = setup.doctor();
            assertThat(doctor.exitCode()).as(doctor.summary()).isEqualTo(1);
            assertThat(doctor.cause("WebSocket upgrade /graphql/ws")).startsWith("the proxy does not route /arrigo/api/graphql/ws to Vakt");
            assertThat(doctor.step("WebSocket upgrade /wamp").path("detail").asString()).startsWith("HTTP 404 from nginx");
        }
    }

    @Test
    void aSelfSignedCertificateOnTheProxyIsNamedAndTheRestStillChecked() throws IOException {
        TestCertificates.CertificateFiles files = TestCertificates.selfSigned(work, "self", "localhost");
        try (Setup setup = Setup.startTls(work, files, true)) {
            DoctorCli doctor = setup.doctor();
            assertThat(doctor.exitCode()).as(doctor.summary()).isEqualTo(1);
            assertThat(doctor.status("TLS")).isEqualTo("fail");
            assertThat(doctor.cause("TLS")).contains("self-signed", "refuse WebSockets silently");
            assertThat(doctor.status("GraphQL subscription")).as(doctor.summary()).isEqualTo("ok");
            assertThat(doctor.status("WAMP session and ssf.info")).isEqualTo("ok");
        }
    }

    @Test
    void anExpiredCertificateOnTheProxyIsNamed() throws IOException {
        TestCertificates authority = TestCertificates.authority(work);
        TestCertificates.CertificateFiles files = authority.issueExpired("expired", "localhost");
        try (Setup setup = Setup.startTls(work, files, true)) {
            DoctorCli doctor = setup.doctor("--trust", authority.caCertificateFile().toString());
            assertThat(doctor.exitCode()).as(doctor.summary()).isEqualTo(1);
            assertThat(doctor.cause("TLS")).startsWith("the certificate expired on ");
            assertThat(doctor.status("HTTP API")).isEqualTo("ok");
        }
    }

    @Test
    void aValidCertificateFromATrustedCaPasses() throws IOException {
        TestCertificates authority = TestCertificates.authority(work);
        TestCertificates.CertificateFiles files = authority.issue("good", "localhost");
        try (Setup setup = Setup.startTls(work, files, true)) {
            DoctorCli doctor = setup.doctor("--trust", authority.caCertificateFile().toString());
            assertThat(doctor.exitCode()).as(doctor.summary()).isZero();
        }
    }

    @Test
    void aClosedPortIsNamedAndTheTextOutputEndsWithTheExitStatus() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        DoctorCli doctor = DoctorCli.run("", "doctor", "http://127.0.0.1:" + closed + "/arrigo", "--timeout", "3");
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.out()).contains("[FAIL] TCP connection: 127.0.0.1:" + closed + " refused",
                        "cause: nothing listens on port " + closed + ", or a firewall rejects the connection")
                .endsWith("Exit status 1.\n");
    }

    /**
     * Vakt on a port chosen first, so nginx (which only needs the number) starts before it and Vakt can be told
     * nginx's origin: the documented fix when a proxy does not forward the browser's host ({@code allowedOrigins}).
     */
    private record Setup(EmbeddedServer server, Nginx nginx) implements AutoCloseable {
        static Setup start(Path work, String serverBody, boolean allowNginxOrigin) throws IOException {
            int vaktPort = freePort();
            Nginx nginx = Nginx.start(work.resolve("nginx"), serverBody, vaktPort);
            return new Setup(vakt(vaktPort, allowNginxOrigin ? List.of(nginx.baseUrl()) : List.of()), nginx);
        }

        static Setup startTls(Path work, TestCertificates.CertificateFiles files, boolean allowNginxOrigin) throws IOException {
            int vaktPort = freePort();
            Nginx nginx = Nginx.startTls(work.resolve("nginx"), Nginx.SEED, vaktPort, files.certificateChain(), files.privateKey());
            return new Setup(vakt(vaktPort, allowNginxOrigin ? List.of(nginx.baseUrl()) : List.of()), nginx);
        }

        private static EmbeddedServer vakt(int port, List<String> allowedOrigins) {
            return EmbeddedServer.builder().port(port)
                    .configure(config -> config.withProxy(new VaktConfig.Proxy(config.proxy().trusted(), allowedOrigins)))
                    .start();
        }

        DoctorCli doctor(String... extra) {
            String[] args = new String[6 + extra.length];
            System.arraycopy(new String[]{"doctor", nginx.baseUrl() + "/arrigo", "--user", EmbeddedServer.ADMIN,
                    "--password-stdin", "--json"}, 0, args, 0, 6);
            System.arraycopy(extra, 0, args, 6, extra.length);
            return DoctorCli.run(EmbeddedServer.ADMIN_PASSWORD + "\n", args);
        }

        @Override
        public void close() {
            nginx.close();
            server.close();
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
