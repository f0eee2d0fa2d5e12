package io.vakt.it.proxy;

import io.vakt.server.tls.IssuedCertificate;
import io.vakt.server.tls.SelfSignedCertificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Test certificates as PEM files, made by the server's own {@link SelfSignedCertificate} (what {@code vakt cert}
 * uses): a test certificate authority that issues server certificates — valid, expired, or for the wrong host
 * name — and self-signed ones. Every server certificate names {@code localhost}-style host and 127.0.0.1, so
 * clients that connect to 127.0.0.1 verify it like a real one.
 */
public final class TestCertificates {
    /** What a client must trust to accept the certificates of {@code files}: the CA, or the self-signed certificate itself. */
    public record CertificateFiles(Path certificateChain, Path privateKey, Path combined, Path caCertificate) {}

    private final Path dir;
    private final IssuedCertificate ca;
    private final Path caCertificateFile;

    private TestCertificates(Path dir, IssuedCertificate ca, Path caCertificateFile) {
        this.dir = dir;
        this.ca = ca;
        this.caCertificateFile = caCertificateFile;
    }

    /** A new certificate authority ({@code ca.pem} in {@code dir}) for one test. */
    public static TestCertificates authority(Path dir) {
        IssuedCertificate ca = SelfSignedCertificate.createCa("Vakt proxy test CA");
        Path file = dir.resolve("ca.pem");
        ProxyResources.write(file, ca.certificatePem());
        return new TestCertificates(dir, ca, file);
    }

    public Path caCertificateFile() { return caCertificateFile; }

    /** A certificate for {@code hostName} and 127.0.0.1, valid now, signed by this authority; files {@code <fileName>.*}. */
    public CertificateFiles issue(String fileName, String hostName) {
        return files(fileName, SelfSignedCertificate.signedBy(ca, List.of(hostName, "127.0.0.1"), Duration.ofDays(30)));
    }

    /** As {@link #issue} but its validity ended yesterday. */
    public CertificateFiles issueExpired(String fileName, String hostName) {
        Instant now = Instant.now();
        return files(fileName, SelfSignedCertificate.signedBy(ca, List.of(hostName, "127.0.0.1"),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), SelfSignedCertificate.KeyAlgorithm.EC_P256));
    }

    /** A valid certificate for a host name that is not the one the client connects to (and no IP address). */
    public CertificateFiles issueForWrongHost(String fileName) {
        return files(fileName, SelfSignedCertificate.signedBy(ca, List.of("wrong-host.invalid"), Duration.ofDays(30)));
    }

    private CertificateFiles files(String fileName, IssuedCertificate certificate) {
        return write(dir, fileName, certificate, caCertificateFile);
    }

    /** A self-signed certificate for {@code hostName} and 127.0.0.1 in {@code dir}, files {@code <fileName>.*}. */
    public static CertificateFiles selfSigned(Path dir, String fileName, String hostName) {
        IssuedCertificate certificate = SelfSignedCertificate.create(List.of(hostName, "127.0.0.1"), Duration.ofDays(30));
        Path trustAnchor = dir.resolve(fileName + ".crt");
        ProxyResources.write(trustAnchor, certificate.certificatePem());
        return write(dir, fileName, certificate, trustAnchor);
    }

    /** An SSL context for Java clients that trusts exactly this PEM certificate (a CA or a self-signed one). */
    public static SSLContext trusting(Path caCertificate) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caCertificate, e);
        }
    }

    private static CertificateFiles write(Path dir, String fileName, IssuedCertificate certificate, Path trustAnchor) {
        Path chain = dir.resolve(fileName + ".chain.pem");
        Path key = dir.resolve(fileName + ".key.pem");
        Path combined = dir.resolve(fileName + ".combined.pem");
        certificate.writePem(chain, key);
        certificate.writeCombinedPem(combined);
        return new CertificateFiles(chain, key, combined, trustAnchor);
    }

}
