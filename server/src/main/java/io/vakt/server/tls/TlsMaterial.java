package io.vakt.server.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * A loaded, checked private key and its certificate chain (server certificate first).
 *
 * @param source where it came from, for log lines ("cert.pem + key.pem", "vakt.p12")
 */
public record TlsMaterial(PrivateKey privateKey, List<X509Certificate> chain, String source) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public TlsMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("no certificate");
    }

    public X509Certificate certificate() { return chain.getFirst(); }

    /**
     * The material as Vert.x key options. Vert.x's own PEM reader knows PKCS#8 and PKCS#1 RSA keys only; ours also
     * reads SEC1 EC keys and checks key and certificate belong together, so we hand Vert.x an in-memory PKCS#12
     * store of what we loaded rather than the file names. A fresh store per call (random password) also makes each
     * reload's options differ from the last, which {@code updateSSLOptions} needs to see a change.
     */
    public KeyCertOptions keyCertOptions() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("vakt", privateKey, password.toCharArray(), chain.toArray(Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password.toCharArray());
            return new KeyStoreOptions().setType("PKCS12").setValue(Buffer.buffer(bytes.toByteArray()))
                    .setPassword(password).setAlias("vakt").setAliasPassword(password);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException("cannot prepare the TLS key store for " + source + ": " + e.getMessage(), e);
        }
    }
}
