package io.vakt.server.tls;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateReportTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration WARN = Duration.ofDays(30);
    private static final IssuedCertificate CA = SelfSignedCertificate.createCa("Report CA",
            NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)));

    private static IssuedCertificate leaf(List<String> hosts, Instant notBefore, Instant notAfter) {
        return SelfSignedCertificate.signedBy(CA, hosts, notBefore, notAfter, SelfSignedCertificate.KeyAlgorithm.EC_P256);
    }

    private static IssuedCertificate healthy(List<String> hosts) {
        return leaf(hosts, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));
    }

    private static CertificateReport report(List<X509Certificate> chain, String hostName) {
        return CertificateReport.of(chain, hostName, WARN, NOW, List.of());
    }

    private static List<String> codes(CertificateReport report) {
        return report.findings().stream().map(CertificateFinding::code).toList();
    }

    @Test
    void aCompleteCaSignedChainForTheHostHasNoFindings() {
        IssuedCertificate issued = healthy(List.of("vakt.example.com", "10.0.0.5"));
        CertificateReport report = report(issued.chain(), "vakt.example.com");
        assertThat(report.findings()).isEmpty();
        assertThat(report.selfSigned()).isFalse();
        assertThat(report.daysLeft()).isEqualTo(80);
        assertThat(report.names()).containsExactly("vakt.example.com", "10.0.0.5");
        assertThat(report.subject()).contains("CN=vakt.example.com");
        assertThat(report.issuer()).contains("CN=Report CA");
    }

    @Test
    void selfSignedExplainsTheSilentWebSocketFailure() {
        IssuedCertificate issued = SelfSignedCertificate.create(List.of("localhost"), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)), SelfSignedCertificate.KeyAlgorithm.EC_P256);
        CertificateReport report = report(issued.chain(), null);
        assertThat(codes(report)).containsExactly(CertificateFinding.SELF_SIGNED);
        assertThat(report.selfSigned()).isTrue();
        assertThat(report.findings().getFirst().message()).contains("WebSocket", "silently");
        assertThat(report.findings().getFirst().fix()).contains("ACME", "Caddy", "company CA");
    }

    @Test
    void expiredNotYetValidAndExpiringSoon() {
        assertThat(codes(report(leaf(List.of("h"), NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(1))).chain(), "h")))
                .containsExactly(CertificateFinding.EXPIRED);
        assertThat(codes(report(leaf(List.of("h"), NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100))).chain(), "h")))
                .containsExactly(CertificateFinding.NOT_YET_VALID);
        CertificateReport soon = report(leaf(List.of("h"), NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(12))).chain(), "h");
        assertThat(codes(soon)).containsExactly(CertificateFinding.EXPIRES_SOON);
        assertThat(soon.findings().getFirst().message()).contains("in 12 days");
        assertThat(codes(CertificateReport.of(leaf(List.of("h"), NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(12))).chain(),
                "h", Duration.ZERO, NOW, List.of()))).isEmpty();
    }

    @Test
    void hostNameIsCheckedAgainstDnsAndIpNamesWithWildcardRules() {
        List<X509Certificate> wildcard = healthy(List.of("*.example.com", "192.168.1.20")).chain();
        assertThat(codes(report(wildcard, "vakt.example.com"))).isEmpty();
        assertThat(codes(report(wildcard, "VAKT.Example.com."))).isEmpty();
        assertThat(codes(report(wildcard, "192.168.1.20"))).isEmpty();
        assertThat(codes(report(wildcard, "example.com"))).containsExactly(CertificateFinding.HOST_MISMATCH);
        assertThat(codes(report(wildcard, "a.b.example.com"))).containsExactly(CertificateFinding.HOST_MISMATCH);
        assertThat(codes(report(wildcard, "192.168.1.21"))).containsExactly(CertificateFinding.HOST_MISMATCH);
        CertificateReport wrongHost = report(healthy(List.of("other.example.org")).chain(), "vakt.example.com");
        assertThat(codes(wrongHost)).containsExactly(CertificateFinding.HOST_MISMATCH);
        assertThat(wrongHost.findings().getFirst().message()).contains("vakt.example.com", "other.example.org");
        assertThat(codes(report(healthy(List.of("::1")).chain(), "[::1]"))).isEmpty();
    }

    @Test
    void aLeafWithoutItsIssuerIsAnIncompleteChainUnlessTheIssuerIsATrustAnchor() {
        IssuedCertificate issued = healthy(List.of("h"));
        CertificateReport incomplete = report(List.of(issued.certificate()), "h");
        assertThat(codes(incomplete)).containsExactly(CertificateFinding.INCOMPLETE_CHAIN);
        assertThat(incomplete.findings().getFirst().message()).contains("CN=Report CA");
        assertThat(codes(CertificateReport.of(List.of(issued.certificate()), "h", WARN, NOW, List.of(CA.certificate())))).isEmpty();
        // the JDK's own trust store does not know our test CA
        assertThat(codes(CertificateReport.of(List.of(issued.certificate()), "h", WARN, NOW, CertificateReport.jdkTrustAnchors())))
                .containsExactly(CertificateFinding.INCOMPLETE_CHAIN);
    }

    @Test
    void theSysinfoShape() {
        IssuedCertificate issued = SelfSignedCertificate.create(List.of("localhost"), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(5)), SelfSignedCertificate.KeyAlgorithm.EC_P256);
        Map<String, Object> map = report(issued.chain(), "localhost").toMap();
        assertThat(map).containsKeys("enabled", "subject", "issuer", "notAfter", "daysLeft", "selfSigned", "names", "findings");
        assertThat(map.get("enabled")).isEqualTo(true);
        assertThat(map.get("daysLeft")).isEqualTo(5L);
        assertThat(map.get("notAfter")).isEqualTo(NOW.plus(Duration.ofDays(5)).toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) map.get("findings");
        assertThat(findings).extracting(finding -> finding.get("code"))
                .containsExactly(CertificateFinding.SELF_SIGNED, CertificateFinding.EXPIRES_SOON);
        assertThat(findings.getFirst()).containsOnlyKeys("code", "message", "fix");
        assertThat(CertificateReport.disabled()).containsExactly(Map.entry("enabled", false));
    }
}
