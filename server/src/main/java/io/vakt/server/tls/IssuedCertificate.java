package io.vakt.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private key with its certificate chain, leaf first, as made by {@link SelfSignedCertificate}.
 * The writers produce exactly the files an operator would hand to Vakt, nginx or HAProxy, so tests
 * can build every kind of good and bad certificate set on disk.
 *
 * @param privateKey the leaf's private key
 * @param chain      the leaf, then the certificates that issued it (a CA-signed leaf: leaf, CA)
 */
public record IssuedCertificate(PrivateKey privateKey, List<X509Certificate> chain) {

    /** How a private key is written: PKCS#8 ({@code BEGIN PRIVATE KEY}) or the older algorithm-specific
     *  form ({@code BEGIN RSA PRIVATE KEY} = PKCS#1, {@code BEGIN EC PRIVATE KEY} = SEC1) that openssl wrote for years. */
    public enum KeyFormat { PKCS8, TRADITIONAL }

    public IssuedCertificate {
        if (chain.isEmpty()) throw new IllegalArgumentException("a certificate chain needs at least the leaf");
        chain = List.copyOf(chain);
    }

    /** The leaf certificate. */
    public X509Certificate certificate() { return chain.getFirst(); }

    /** Writes the whole chain (leaf, then issuers) and the key as PKCS#8; the key file gets mode 600 where possible. */
    public void writePem(Path certFile, Path keyFile) {
        writePem(certFile, keyFile, KeyFormat.PKCS8);
    }

    /** As {@link #writePem(Path, Path)} with the key in the given format. */
    public void writePem(Path certFile, Path keyFile, KeyFormat keyFormat) {
        write(certFile, certificatesPem(chain));
        writeKeyFile(keyFile, keyPem(keyFormat));
    }

    /** Writes only the leaf (no issuers): the "incomplete chain" an operator gets when they forget the intermediate. */
    public void writeLeafOnlyPem(Path certFile, Path keyFile) {
        write(certFile, certificatesPem(List.of(certificate())));
        writeKeyFile(keyFile, keyPem(KeyFormat.PKCS8));
    }

    /** Chain then key in one file: what HAProxy's {@code crt} wants. */
    public void writeCombinedPem(Path file) {
        writeKeyFile(file, certificatesPem(chain) + keyPem(KeyFormat.PKCS8));
    }

    /** A PKCS#12 key store with one entry (alias {@code vakt}) holding the key and the chain. */
    public void writePkcs12(Path file, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("vakt", privateKey, password.toCharArray(), chain.toArray(Certificate[]::new));
            createParent(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a PKCS#12 key store: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chain as PEM text. */
    public String certificatePem() { return certificatesPem(chain); }

    /** The key as PEM text (PKCS#8). */
    public String keyPem() { return keyPem(KeyFormat.PKCS8); }

    public String keyPem(KeyFormat format) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            if (format == KeyFormat.PKCS8) pem.writeObject(new JcaPKCS8Generator(privateKey, null));
            else if ("EC".equals(privateKey.getAlgorithm())) pem.writeObject(sec1EcKey());
            else pem.writeObject(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The SEC1 form openssl writes ({@code BEGIN EC PRIVATE KEY}) with the curve named inside: the JDK's PKCS#8
     * encoding keeps the curve only in the outer algorithm identifier, so a plain conversion would drop it.
     */
    private PemObject sec1EcKey() throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(), curve);
        return new PemObject("EC PRIVATE KEY", withCurve.getEncoded());
    }

    static String certificatesPem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(Path file, String text) {
        try {
            createParent(file);
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Private keys are readable by the owner only (mode 600) where the file system has POSIX permissions. */
    static void writeKeyFile(Path file, String text) {
        write(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows and friends: the folder's ACL is what protects the key there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }
}
