package io.vakt.server.tls;

import io.vakt.server.config.VaktConfig;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads the certificate and key the {@code tls.*} settings name: a PEM chain with a PEM key (PKCS#8
 * {@code BEGIN PRIVATE KEY}, PKCS#1 {@code BEGIN RSA PRIVATE KEY} or SEC1 {@code BEGIN EC PRIVATE KEY}), or a
 * PKCS#12 key store. Every problem becomes a {@link TlsSetupException} naming the setting, the file, what is wrong
 * and what to do; the key is always checked against the server certificate, since a mismatched pair otherwise
 * only shows as failing handshakes.
 */
public final class CertificateLoader {

    private CertificateLoader() {}

    /** Loads what {@code tls} names; call only when {@link VaktConfig.Tls#enabled()}. Blocking file reads. */
    public static TlsMaterial load(VaktConfig.Tls tls) {
        if (tls.certificate() != null && tls.keyStore() != null) {
            throw new TlsSetupException("tls.certificate and tls.keyStore are both set: use either a PEM certificate"
                    + " with tls.key, or a PKCS#12 key store, not both");
        }
        if (tls.keyStore() != null) return loadPkcs12(tls.keyStore(), tls.keyStorePassword());
        if (tls.key() == null) {
            throw new TlsSetupException("tls.certificate is set but tls.key is not: set tls.key to the PEM file with"
                    + " the certificate's private key");
        }
        return loadPem(tls.certificate(), tls.key());
    }

    /** The files {@code tls} reads, for change detection. */
    public static List<Path> files(VaktConfig.Tls tls) {
        if (tls.keyStore() != null) return List.of(tls.keyStore());
        List<Path> files = new ArrayList<>();
        if (tls.certificate() != null) files.add(tls.certificate());
        if (tls.key() != null && !tls.key().equals(tls.certificate())) files.add(tls.key());
        return files;
    }

    public static TlsMaterial loadPem(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = readKey(keyFile);
        requireKeyMatches(key, chain, "tls.key " + keyFile, "tls.certificate " + certificateFile);
        return new TlsMaterial(key, chain, certificateFile.getFileName() + " + " + keyFile.getFileName());
    }

    public static TlsMaterial loadPkcs12(Path file, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        byte[] bytes = read("tls.keyStore", file);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), secret);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new TlsSetupException("tls.keyStore " + file + ": wrong password: set tls.keyStorePassword"
                        + " (or VAKT_TLS_KEY_STORE_PASSWORD) to the password the file was exported with", e);
            }
            throw new TlsSetupException("tls.keyStore " + file + ": not a PKCS#12 key store (" + e.getMessage()
                    + "); export one with `openssl pkcs12 -export -in cert.pem -inkey key.pem -out vakt.p12`", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("tls.keyStore " + file + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) continue;
                Key key = store.getKey(alias, secret);
                Certificate[] certificates = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) continue;
                List<X509Certificate> chain = Arrays.stream(certificates).map(X509Certificate.class::cast).toList();
                requireKeyMatches(privateKey, chain, "tls.keyStore " + file, "tls.keyStore " + file);
                return new TlsMaterial(privateKey, chain, file.getFileName().toString());
            }
        } catch (UnrecoverableKeyException e) {
            throw new TlsSetupException("tls.keyStore " + file + ": the key's password differs from the store's;"
                    + " Vakt needs both to be tls.keyStorePassword: re-export the store with one password", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("tls.keyStore " + file + ": cannot be read: " + e.getMessage(), e);
        }
        throw new TlsSetupException("tls.keyStore " + file + ": holds no private key with a certificate; export the"
                + " key together with its chain (`openssl pkcs12 -export -in cert.pem -inkey key.pem -out vakt.p12`)");
    }

    static List<X509Certificate> readCertificates(Path file) {
        String setting = "tls.certificate " + file;
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        byte[] bytes = read("tls.certificate", file);
        try (PEMParser pem = parser(bytes)) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof X509CertificateHolder holder) chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new TlsSetupException(setting + ": not a readable PEM certificate (" + e.getMessage()
                    + "); expected one or more -----BEGIN CERTIFICATE----- blocks, server certificate first", e);
        }
        if (chain.isEmpty()) {
            throw new TlsSetupException(setting + ": contains no certificate; expected one or more"
                    + " -----BEGIN CERTIFICATE----- blocks, server certificate first (a DER or PKCS#12 file? use tls.keyStore"
                    + " for PKCS#12, or convert DER with `openssl x509 -inform der -in cert.der -out cert.pem`)");
        }
        return chain;
    }

    static PrivateKey readKey(Path file) {
        String setting = "tls.key " + file;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        byte[] bytes = read("tls.key", file);
        try (PEMParser pem = parser(bytes)) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                switch (item) {
                    case PrivateKeyInfo info -> { return converter.getPrivateKey(info); }
                    // the private part only: SEC1 EC keys may be written without their public key
                    case PEMKeyPair pair -> { return converter.getPrivateKey(pair.getPrivateKeyInfo()); }
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(setting);
                    case PEMEncryptedKeyPair ignored -> throw encrypted(setting);
                    default -> { /* certificates in a combined file: skip */ }
                }
            }
        } catch (TlsSetupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TlsSetupException(setting + ": not a readable PEM private key (" + e.getMessage() + ")", e);
        }
        throw new TlsSetupException(setting + ": contains no private key; expected -----BEGIN PRIVATE KEY-----,"
                + " -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----");
    }

    private static TlsSetupException encrypted(String setting) {
        return new TlsSetupException(setting + ": the private key is encrypted with a passphrase, which Vakt cannot"
                + " ask for at start-up; write an unencrypted copy readable only by Vakt's user:"
                + " `openssl pkey -in key.pem -out key-plain.pem && chmod 600 key-plain.pem`");
    }

    /** The key must belong to the first certificate; a chain in the wrong order gets its own hint. */
    private static void requireKeyMatches(PrivateKey key, List<X509Certificate> chain, String keySetting,
                                          String certificateSetting) {
        if (belongsTogether(key, chain.getFirst().getPublicKey())) return;
        for (int i = 1; i < chain.size(); i++) {
            if (belongsTogether(key, chain.get(i).getPublicKey())) {
                throw new TlsSetupException(certificateSetting + ": the server certificate must come first, but it is"
                        + " number " + (i + 1) + " in the file; reorder it: server certificate, then intermediates");
            }
        }
        throw new TlsSetupException(keySetting + ": the private key does not belong to the certificate "
                + chain.getFirst().getSubjectX500Principal().getName() + "; use the key the certificate was issued for");
    }

    /** Signs a random challenge with the private key and verifies it with the public key: works for every algorithm. */
    static boolean belongsTogether(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) return false;
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) return true; // an algorithm we cannot test: the handshake will tell
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PEMParser parser(byte[] bytes) {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
        return new PEMParser(reader);
    }

    private static byte[] read(String setting, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(setting + " " + file + ": file not found; check the path (it is shown here"
                    + " as resolved, a relative one against the configuration file's folder or the working folder)", e);
        } catch (AccessDeniedException e) {
            throw new TlsSetupException(setting + " " + file + ": not readable by this user; give Vakt's user read"
                    + " access (e.g. `chmod 640` and the right group)", e);
        } catch (IOException e) {
            throw new TlsSetupException(setting + " " + file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
