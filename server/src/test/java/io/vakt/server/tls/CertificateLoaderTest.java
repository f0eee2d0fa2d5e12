package io.vakt.server.tls;

import io.vakt.server.config.VaktConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateLoaderTest {
    @TempDir
    Path folder;

    private final IssuedCertificate ca = SelfSignedCertificate.createCa("Loader CA");

    private IssuedCertificate leaf(SelfSignedCertificate.KeyAlgorithm algorithm) {
        Instant now = Instant.now();
        return SelfSignedCertificate.signedBy(ca, List.of("localhost"), now.minusSeconds(60), now.plus(Duration.ofDays(5)), algorithm);
    }

    @Test
    void readsPkcs8AndTheTraditionalRsaAndEcKeyForms() throws Exception {
        for (SelfSignedCertificate.KeyAlgorithm algorithm : SelfSignedCertificate.KeyAlgorithm.values()) {
            IssuedCertificate issued = leaf(algorithm);
            for (IssuedCertificate.KeyFormat format : IssuedCertificate.KeyFormat.values()) {
                Path cert = folder.resolve(algorithm + "-" + format + "-cert.pem");
                Path key = folder.resolve(algorithm + "-" + format + "-key.pem");
                issued.writePem(cert, key, format);
                String expectedHeader = switch (format) {
                    case PKCS8 -> "-----BEGIN PRIVATE KEY-----";
                    case TRADITIONAL -> algorithm == SelfSignedCertificate.KeyAlgorithm.RSA_2048
                            ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----";
                };
                assertThat(Files.readString(key)).startsWith(expectedHeader);
                TlsMaterial material = CertificateLoader.load(VaktConfig.Tls.off().withCertificate(cert).withKey(key));
                assertThat(material.certificate()).isEqualTo(issued.certificate());
                assertThat(material.privateKey().getAlgorithm()).isEqualTo(issued.privateKey().getAlgorithm());
                assertThat(CertificateLoader.belongsTogether(material.privateKey(), issued.certificate().getPublicKey())).isTrue();
                assertThat(material.source()).isEqualTo(cert.getFileName() + " + " + key.getFileName());
            }
        }
    }

    @Test
    void aMissingFileIsNamedWithTheSetting() {
        Path missing = folder.resolve("nope.pem");
        assertThatThrownBy(() -> CertificateLoader.load(VaktConfig.Tls.off().withCertificate(missing).withKey(missing)))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("tls.certificate " + missing + ": file not found");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        leaf(SelfSignedCertificate.KeyAlgorithm.EC_P256).writePem(cert, key);
        leaf(SelfSignedCertificate.KeyAlgorithm.EC_P256).writePem(folder.resolve("other.pem"), key);
        assertThatThrownBy(() -> CertificateLoader.loadPem(cert, key))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("tls.key " + key + ": the private key does not belong to the certificate CN=localhost");
    }

    @Test
    void aChainWithTheServerCertificateNotFirstSaysSo() throws Exception {
        IssuedCertificate issued = leaf(SelfSignedCertificate.KeyAlgorithm.EC_P256);
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        issued.writePem(cert, key);
        Files.writeString(cert, IssuedCertificate.certificatesPem(List.of(ca.certificate(), issued.certificate())));
        assertThatThrownBy(() -> CertificateLoader.loadPem(cert, key))
                .hasMessageContaining("the server certificate must come first, but it is number 2");
    }

    @Test
    void filesWithoutCertificateOrKeyAreExplained() throws Exception {
        IssuedCertificate issued = leaf(SelfSignedCertificate.KeyAlgorithm.EC_P256);
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        issued.writePem(cert, key);
        assertThatThrownBy(() -> CertificateLoader.loadPem(key, key))
                .hasMessageStartingWith("tls.certificate " + key + ": contains no certificate");
        assertThatThrownBy(() -> CertificateLoader.loadPem(cert, cert))
                .hasMessageStartingWith("tls.key " + cert + ": contains no private key");
        Path garbage = folder.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> CertificateLoader.loadPem(garbage, key))
                .hasMessageStartingWith("tls.certificate " + garbage + ": not a readable PEM certificate");
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheCommandToDecryptIt() throws Exception {
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        leaf(SelfSignedCertificate.KeyAlgorithm.EC_P256).writePem(cert, key);
        // the PEM shape openssl writes for `openssl pkey -aes256`; the loader must stop at the header, not decrypt
        Files.writeString(key, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(encryptedKeyInfo()) + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateLoader.loadPem(cert, key))
                .hasMessageStartingWith("tls.key " + key + ": the private key is encrypted")
                .hasMessageContaining("openssl pkey -in key.pem -out key-plain.pem");
    }

    /** A real PKCS#8 EncryptedPrivateKeyInfo made with the JDK, as a passphrase-protected key file holds. */
    private byte[] encryptedKeyInfo() throws Exception {
        String scheme = "PBEWithSHA1AndDESede";
        javax.crypto.SecretKey secret = javax.crypto.SecretKeyFactory.getInstance(scheme)
                .generateSecret(new javax.crypto.spec.PBEKeySpec("pass".toCharArray()));
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(scheme);
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, secret, new javax.crypto.spec.PBEParameterSpec(new byte[8], 2048));
        byte[] encrypted = cipher.doFinal(leaf(SelfSignedCertificate.KeyAlgorithm.EC_P256).privateKey().getEncoded());
        return new javax.crypto.EncryptedPrivateKeyInfo(cipher.getParameters(), encrypted).getEncoded();
    }

    @Test
    void pkcs12WithAWrongPasswordOrNotPkcs12AtAll() throws Exception {
        Path store = folder.resolve("vakt.p12");
        leaf(SelfSignedCertificate.KeyAlgorithm.RSA_2048).writePkcs12(store, "right");
        assertThatThrownBy(() -> CertificateLoader.load(VaktConfig.Tls.off().withKeyStore(store).withKeyStorePassword("wrong")))
                .isInstanceOf(TlsSetupException.class)
                .hasMessageStartingWith("tls.keyStore " + store + ": wrong password");
        Path pem = folder.resolve("cert.pem");
        leaf(SelfSignedCertificate.KeyAlgorithm.EC_P256).writePem(pem, folder.resolve("key.pem"));
        assertThatThrownBy(() -> CertificateLoader.loadPkcs12(pem, "x"))
                .hasMessageStartingWith("tls.keyStore " + pem + ": not a PKCS#12 key store");
    }

    @Test
    void contradictoryOrIncompleteSettingsAreRefused() {
        Path some = folder.resolve("x.pem");
        assertThatThrownBy(() -> CertificateLoader.load(VaktConfig.Tls.off().withCertificate(some).withKeyStore(some)))
                .hasMessageStartingWith("tls.certificate and tls.keyStore are both set");
        assertThatThrownBy(() -> CertificateLoader.load(VaktConfig.Tls.off().withCertificate(some)))
                .hasMessageStartingWith("tls.certificate is set but tls.key is not");
    }
}
