package io.vakt.server.doctor;

import io.vakt.server.tls.IssuedCertificate;
import io.vakt.server.tls.SelfSignedCertificate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.vakt.server.doctor.DoctorAgainstServerTest.byName;
import static io.vakt.server.doctor.DoctorAgainstServerTest.describe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS check against Vakt's own HTTPS listener with each kind of certificate an operator ends up with. After a
 * certificate failure the later checks must still run (trusting that certificate), so all of them are asserted.
 */
class DoctorTlsTest {
    private static final List<String> LOCAL = List.of("localhost", "127.0.0.1");
    private static final IssuedCertificate CA = SelfSignedCertificate.createCa("Doctor Test Root CA");

    @Test
    void aCertificateFromATrustedCaPassesTheWholeRun() throws InterruptedException {
        try (DoctorServer server = DoctorServer.tls(SelfSignedCertificate.signedBy(CA, LOCAL, Duration.ofDays(90)), false)) {
            DoctorReport report = run(server, true);
            assertThat(report.exitCode()).as(describe(report)).isZero();
            assertThat(byName(report).get(TlsCheck.NAME).detail()).contains("TLSv1.3", "chain of 2");
        }
    }

    @Test
    void aSelfSignedCertificateIsNamedAndTheLaterChecksStillRun() throws InterruptedException {
        try (DoctorServer server = DoctorServer.tls(SelfSignedCertificate.create(LOCAL, Duration.ofDays(30)), false)) {
            DoctorReport report = run(server, false);
            StepResult tls = byName(report).get(TlsCheck.NAME);
            assertThat(tls.status()).isEqualTo(Status.FAIL);
            assertThat(tls.cause()).contains("self-signed", "refuse WebSockets silently");
            assertThat(tls.fix()).contains("public CA");
            assertThat(tls.detail()).contains("the later checks trust this certificate for this run only");
            assertLaterChecksPassed(report);
        }
    }

    @Test
    void anExpiredCertificateIsNamed() throws InterruptedException {
        Instant now = Instant.now();
        IssuedCertificate expired = SelfSignedCertificate.signedBy(CA, LOCAL, now.minus(Duration.ofDays(90)),
                now.minus(Duration.ofDays(1)), SelfSignedCertificate.KeyAlgorithm.EC_P256);
        try (DoctorServer server = DoctorServer.tls(expired, false)) {
            DoctorReport report = run(server, true);
            StepResult tls = byName(report).get(TlsCheck.NAME);
            assertThat(tls.status()).isEqualTo(Status.FAIL);
            assertThat(tls.cause()).startsWith("the certificate expired on ").doesNotContain("self-signed", "CA", "wrong host");
            assertThat(tls.fix()).contains("renew");
            assertLaterChecksPassed(report);
        }
    }

    @Test
    void aCertificateForAnotherHostIsNamed() throws InterruptedException {
        try (DoctorServer server = DoctorServer.tls(SelfSignedCertificate.signedBy(CA, List.of("bms.example.com"), Duration.ofDays(90)), false)) {
            DoctorReport report = run(server, true);
            StepResult tls = byName(report).get(TlsCheck.NAME);
            assertThat(tls.status()).isEqualTo(Status.FAIL);
            assertThat(tls.cause()).isEqualTo("wrong host name: the certificate is for bms.example.com, not for 127.0.0.1");
            assertLaterChecksPassed(report);
        }
    }

    @Test
    void aServerSendingOnlyItsLeafHasAnIncompleteChain() throws InterruptedException {
        try (DoctorServer server = DoctorServer.tls(SelfSignedCertificate.signedBy(CA, LOCAL, Duration.ofDays(90)), true)) {
            DoctorReport report = run(server, false);
            StepResult tls = byName(report).get(TlsCheck.NAME);
            assertThat(tls.status()).isEqualTo(Status.FAIL);
            assertThat(tls.cause()).startsWith("incomplete chain: the server sends only its own certificate")
                    .contains("Doctor Test Root CA");
            assertThat(tls.fix()).contains("fullchain.pem");
        }
    }

    @Test
    void aChainEndingInAnUnknownRootIsAnUntrustedCa() throws InterruptedException {
        try (DoctorServer server = DoctorServer.tls(SelfSignedCertificate.signedBy(CA, LOCAL, Duration.ofDays(90)), false)) {
            DoctorReport report = run(server, false);
            StepResult tls = byName(report).get(TlsCheck.NAME);
            assertThat(tls.status()).isEqualTo(Status.FAIL);
            assertThat(tls.cause()).startsWith("the certificate comes from a CA this machine does not trust").contains("Doctor Test Root CA");
            assertThat(tls.fix()).contains("--trust FILE");
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsNamed() throws InterruptedException {
        try (DoctorServer server = DoctorServer.plain()) {
            DoctorReport report = new Doctor(DoctorAgainstServerTest.options("https://127.0.0.1:" + server.port(), server.admin()),
                    Progress.SILENT).run();
            StepResult tls = byName(report).get(TlsCheck.NAME);
            assertThat(tls.status()).isEqualTo(Status.FAIL);
            assertThat(tls.cause()).isEqualTo("port " + server.port() + " speaks plain HTTP");
            assertThat(tls.fix()).startsWith("use http://127.0.0.1:" + server.port());
            assertThat(byName(report).get(ApiChecks.HEALTH).status()).isEqualTo(Status.SKIP);
        }
    }

    private static DoctorReport run(DoctorServer server, boolean trustCa) throws InterruptedException {
        DoctorOptions options = DoctorAgainstServerTest.options(server.url("https"), server.admin());
        if (trustCa) options = options.withExtraTrusted(List.of(CA.certificate()));
        return new Doctor(options, Progress.SILENT).run();
    }

    private static void assertLaterChecksPassed(DoctorReport report) {
        assertThat(report.steps().subList(3, report.steps().size()))
                .as(describe(report)).allSatisfy(step -> assertThat(step.status().passes()).isTrue());
        assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
    }
}
