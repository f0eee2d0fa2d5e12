package io.vakt.server.cli;

import io.vakt.server.tls.CertificateLoader;
import io.vakt.server.tls.CertificateReport;
import io.vakt.server.tls.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CertCommandTest {
    @TempDir
    Path work;

    private CliRun run(String... args) {
        return CliRun.run(work, Map.of(), "", args);
    }

    @Test
    void writesALoadableSelfSignedPairAndSaysWhyNotForUsers() throws Exception {
        CliRun run = run("cert", "self-signed", "--host", "vakt.local", "--host", "192.168.1.20", "--days", "30");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path cert = work.resolve("tls/cert.pem");
        Path key = work.resolve("tls/key.pem");
        TlsMaterial material = CertificateLoader.loadPem(cert, key);
        assertThat(CertificateReport.alternativeNames(material.certificate())).containsExactly("vakt.local", "192.168.1.20");
        assertThat(Duration.between(Instant.now(), material.certificate().getNotAfter().toInstant()).toDays()).isBetween(29L, 30L);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(run.out()).contains("tls.certificate: " + cert, "tls.key: " + key, "WARNING",
                "WebSocket", "silently", "Let's Encrypt", "company's CA");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        assertThat(run("cert", "self-signed", "--host", "a", "--out", "certs").exitCode()).isZero();
        String before = Files.readString(work.resolve("certs/cert.pem"));
        CliRun again = run("cert", "self-signed", "--host", "b", "--out", "certs");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains(work.resolve("certs/cert.pem") + " already exists; pass --force");
        assertThat(Files.readString(work.resolve("certs/cert.pem"))).isEqualTo(before);

        assertThat(run("cert", "self-signed", "--host", "b", "--out", "certs", "--force").exitCode()).isZero();
        assertThat(Files.readString(work.resolve("certs/cert.pem"))).isNotEqualTo(before);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CliRun noHost = run("cert", "self-signed");
        assertThat(noHost.exitCode()).isEqualTo(2);
        assertThat(noHost.err()).contains("--host");
        CliRun url = run("cert", "self-signed", "--host", "https://vakt.local/");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).contains("is not a host name or IP address");
        for (String bad : new String[] {"vakt.local:8443", "cafe:1", "a b", "*.*.example.com"}) {
            CliRun refused = run("cert", "self-signed", "--host", bad);
            assertThat(refused.exitCode()).as(bad).isEqualTo(2);
            assertThat(refused.err()).contains("'" + bad + "' is not a host name or IP address");
        }
        assertThat(run("cert", "self-signed", "--host", "[::1]", "--host", "*.example.com", "--out", "v6").exitCode()).isZero();
        CliRun days = run("cert", "self-signed", "--host", "a", "--days", "0");
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.err()).contains("--days must be between 1 and 825");
        assertThat(Files.exists(work.resolve("tls"))).isFalse();
        assertThat(Files.exists(work.resolve("v6/cert.pem"))).isTrue();
    }
}
