package io.vakt.driver.opcua;

import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Period;

/**
 * The client's application instance certificate, which secured channels need: loaded from
 * {@code <pkiDir>/client.p12}, or generated there (RSA 2048, self-signed, ten years) on first use. The folder
 * is made readable by the owner only and the key store file mode 600: the file's permissions protect the key,
 * the key store password is fixed and only satisfies the format. {@code client.der} next to it is the
 * certificate to add to the server's trust list.
 *
 * @param keyPair        the application key pair
 * @param certificate    its certificate
 * @param applicationUri the URI in the certificate, which the session must announce
 */
record ClientCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri) {
    private static final String ALIAS = "vakt-opcua-client";
    private static final char[] STORE_PASSWORD = "vakt".toCharArray();

    static String applicationUri(String controller) { return "urn:vakt:opcua-client:" + controller; }

    /** Loads or creates the certificate; blocking file I/O and key generation, run off the scheduler. */
    static ClientCertificate loadOrCreate(Path pkiDir, String controller) throws IOException, GeneralSecurityException {
        // controllers sharing a pkiDir share one certificate: the second one waits and loads the first one's
        synchronized (ClientCertificate.class) {
            return loadOrCreateLocked(pkiDir, controller);
        }
    }

    private static ClientCertificate loadOrCreateLocked(Path pkiDir, String controller) throws IOException, GeneralSecurityException {
        Path store = pkiDir.resolve("client.p12");
        if (Files.exists(store)) return load(store);
        createPrivateFolder(pkiDir);
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        String uri = applicationUri(controller);
        X509Certificate certificate;
        try {
            certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Vakt OPC UA client " + controller)
                    .setOrganization("Vakt")
                    .setApplicationUri(uri)
                    .addDnsName("localhost")
                    .setValidityPeriod(Period.ofYears(10))
                    .build();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot create the client certificate: " + e.getMessage(), e);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, keyPair.getPrivate(), STORE_PASSWORD, new Certificate[] {certificate});
        // written aside and renamed, so a crash never leaves a half-written key store behind
        Path partial = Files.createTempFile(pkiDir, "client", ".p12.partial");
        ownerOnly(partial, "rw-------");
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.TRUNCATE_EXISTING)) {
            keyStore.store(out, STORE_PASSWORD);
        }
        Files.move(partial, store, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.write(pkiDir.resolve("client.der"), certificate.getEncoded());
        return new ClientCertificate(keyPair, certificate, uri);
    }

    private static ClientCertificate load(Path store) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        if (!(keyStore.getKey(ALIAS, STORE_PASSWORD) instanceof PrivateKey key)
                || !(keyStore.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
            throw new GeneralSecurityException(store + " holds no entry " + ALIAS + "; delete it to create a new certificate");
        }
        String uri = certificate.getSubjectAlternativeNames() == null ? "" : certificate.getSubjectAlternativeNames().stream()
                .filter(name -> (Integer) name.get(0) == 6).map(name -> String.valueOf(name.get(1))).findFirst().orElse("");
        return new ClientCertificate(new KeyPair(certificate.getPublicKey(), key), certificate, uri);
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        ownerOnly(folder, "rwx------");
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
