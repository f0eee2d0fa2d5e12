package io.vakt.driver.mqtt;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The CA certificates of a {@code caFile} (PEM, one or more certificates) as a trust manager: the broker's
 * certificate must chain to one of them. There is deliberately no way to trust any certificate.
 */
final class TrustedCertificates {
    private TrustedCertificates() {}

    /** @throws IllegalArgumentException saying why the file is unusable (missing, unreadable, no certificate) */
    static TrustManagerFactory load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("is no readable file");
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("holds no PEM certificate (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) throw new IllegalArgumentException("holds no PEM certificate");
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) store.setCertificateEntry("ca-" + index++, certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot be used as a trust store (" + e.getMessage() + ")");
        }
    }
}
