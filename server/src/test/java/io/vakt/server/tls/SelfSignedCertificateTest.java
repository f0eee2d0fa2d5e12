package io.vakt.server.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelfSignedCertificateTest {
    @TempDir
    Path folder;

    @Test
    void aSelfSignedCertificateNamesItsHostsAsDnsAndIpAlternativeNames() throws Exception {
        IssuedCertificate issued = SelfSignedCertificate.create(List.of("vakt.local", "192.168.1.20", "::1"), Duration.ofDays(90));
        X509Certificate certificate = issued.certificate();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=vakt.local");
        assertThat(CertificateReport.alternativeNames(certificate)).containsExactly("vakt.local", "192.168.1.20", "0:0:0:0:0:0:0:1");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()).toDays()).isBetween(89L, 90L);
    }

    @Test
    void aLeafSignedByTheTestCaVerifiesAgainstItAndCarriesTheChain() throws Exception {
        IssuedCertificate ca = SelfSignedCertificate.createCa("Test CA");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IssuedCertificate leaf = SelfSignedCertificate.signedBy(ca, List.of("localhost"), now.minus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(3)), SelfSignedCertificate.KeyAlgorithm.RSA_2048);
        leaf.certificate().verify(ca.certificate().getPublicKey());
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), ca.certificate());
        assertThat(leaf.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(leaf.certificate().getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofDays(2)));
        assertThat(leaf.certificate().getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(3)));
    }

    @Test
    void pemFilesHoldTheChainLeafFirstAndAnOwnerOnlyKey() throws Exception {
        IssuedCertificate ca = SelfSignedCertificate.createCa("Test CA");
        IssuedCertificate leaf = SelfSignedCertificate.signedBy(ca, List.of("localhost"), Duration.ofDays(1));
        Path cert = folder.resolve("sub/cert.pem");
        Path key = folder.resolve("sub/key.pem");
        leaf.writePem(cert, key);

        assertThat(Files.readString(cert).split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        TlsMaterial loaded = CertificateLoader.loadPem(cert, key);
        assertThat(loaded.chain()).containsExactly(leaf.certificate(), ca.certificate());

        leaf.writeLeafOnlyPem(cert, key);
        assertThat(CertificateLoader.loadPem(cert, key).chain()).containsExactly(leaf.certificate());
    }

    @Test
    void pkcs12AndCombinedPemRoundTrip() throws Exception {
        IssuedCertificate issued = SelfSignedCertificate.create(List.of("localhost"), Duration.ofDays(1));
        Path store = folder.resolve("vakt.p12");
        issued.writePkcs12(store, "s3cret");
        assertThat(CertificateLoader.loadPkcs12(store, "s3cret").certificate()).isEqualTo(issued.certificate());

        Path combined = folder.resolve("haproxy.pem");
        issued.writeCombinedPem(combined);
        assertThat(Files.readString(combined)).contains("-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----");
        assertThat(CertificateLoader.loadPem(combined, combined).certificate()).isEqualTo(issued.certificate());
    }

    @Test
    void refusesNoHostsAndAnEmptyValidity() {
        assertThatThrownBy(() -> SelfSignedCertificate.create(List.of(), Duration.ofDays(1)))
                .hasMessageContaining("at least one host name");
        Instant now = Instant.now();
        assertThatThrownBy(() -> SelfSignedCertificate.create(List.of("a"), now, now, SelfSignedCertificate.KeyAlgorithm.EC_P256))
                .hasMessageContaining("notAfter must be after notBefore");
    }
}
