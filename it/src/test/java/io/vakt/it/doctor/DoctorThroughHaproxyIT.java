package io.vakt.it.doctor;

import io.vakt.it.proxy.Haproxy;
import io.vakt.it.proxy.TestCertificates;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vakt doctor} through a real HAProxy (Debian's) terminating TLS in front of Vakt: the good setup passes, and
 * a {@code timeout tunnel} shorter than the idle wait is caught by {@code --idle} with its cause and fix.
 */
class DoctorThroughHaproxyIT {
    @TempDir
    Path work;

    @Test
    void tlsTerminationPassesEveryCheckIncludingAnIdleWait() throws IOException {
        try (Setup setup = Setup.start(work, Duration.ofSeconds(60))) {
            DoctorCli doctor = setup.doctor("--idle", "5");
            assertThat(doctor.exitCode()).as(doctor.summary()).isZero();
            assertThat(doctor.step("TLS").path("detail").asString()).contains("chain of 2");
            assertThat(doctor.step("Idle sessions").path("detail").asString()).startsWith("both sessions survived 5 s quiet");
        }
    }

    @Test
    void aTunnelTimeoutShorterThanTheIdleWaitIsNamedWithItsFix() throws IOException {
        // Vakt pings every 25 s by default, so a 2 s tunnel timeout cuts the quiet sessions long before a ping
        try (Setup setup = Setup.start(work, Duration.ofSeconds(2))) {
            DoctorCli doctor = setup.doctor("--idle", "6");
            assertThat(doctor.exitCode()).as(doctor.summary()).isEqualTo(1);
            assertThat(doctor.status("Idle sessions")).isEqualTo("fail");
            assertThat(doctor.cause("Idle sessions")).matches("a proxy or firewall cuts quiet connections after about [1-3] s");
            assertThat(doctor.step("Idle sessions").path("fix").asString())
                    .contains("timeout tunnel (HAProxy)", "Vakt pings every 25 s");
        }
    }

    private record Setup(EmbeddedServer server, Haproxy haproxy, TestCertificates authority) implements AutoCloseable {
        static Setup start(Path work, Duration tunnelTimeout) throws IOException {
            TestCertificates authority = TestCertificates.authority(work);
            TestCertificates.CertificateFiles files = authority.issue("haproxy", "localhost");
            EmbeddedServer server = EmbeddedServer.start();
            try {
                return new Setup(server, Haproxy.startTls(work.resolve("haproxy"), server.port(), files.combined(), tunnelTimeout), authority);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }

        DoctorCli doctor(String... extra) {
            String[] args = new String[8 + extra.length];
            System.arraycopy(new String[]{"doctor", haproxy.baseUrl(), "--user", EmbeddedServer.ADMIN, "--password-stdin",
                    "--json", "--trust", authority.caCertificateFile().toString()}, 0, args, 0, 8);
            System.arraycopy(extra, 0, args, 8, extra.length);
            return DoctorCli.run(EmbeddedServer.ADMIN_PASSWORD + "\n", args);
        }

        @Override
        public void close() {
            haproxy.close();
            server.close();
        }
    }
}
