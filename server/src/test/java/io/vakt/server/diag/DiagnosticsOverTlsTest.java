package io.vakt.server.diag;

import io.vakt.server.VaktServer;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.tls.IssuedCertificate;
import io.vakt.server.tls.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With Vakt's own listener on TLS, diagnostics show the negotiated protocol, cipher suite and SNI name. */
class DiagnosticsOverTlsTest {
    @Test
    void diagnosticsShowTlsAsVaktsListenerNegotiatedIt(@TempDir Path dir) throws Exception {
        IssuedCertificate issued = SelfSignedCertificate.create(List.of("localhost", "127.0.0.1"), Duration.ofDays(30));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        issued.writePem(cert, key);
        VaktConfig config = VaktConfig.defaults().withListener(new VaktConfig.Listener("127.0.0.1", 0, 1))
                .withTls(VaktConfig.Tls.off().withCertificate(cert).withKey(key))
                .withDataDir(dir.resolve("data"));
        try (VaktServer server = VaktServer.start(config, Map.of("VAKT_ADMIN_PASSWORD", "admin-secret-for-tls-diag"))) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("vakt", issued.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();

            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.port() + "/arrigo/api/diagnostics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode request = JsonMapper.builder().build().readTree(answer.body()).path("request");
            assertThat(request.path("scheme").asString()).isEqualTo("https");
            assertThat(request.path("host").asString()).isEqualTo("localhost");
            assertThat(request.path("port").asInt()).isEqualTo(server.port());
            assertThat(request.path("tls").path("protocol").asString()).startsWith("TLSv1.");
            assertThat(request.path("tls").path("cipherSuite").asString()).startsWith("TLS_");
            assertThat(request.path("tls").path("sniHost").asString()).isEqualTo("localhost");
        }
    }
}
