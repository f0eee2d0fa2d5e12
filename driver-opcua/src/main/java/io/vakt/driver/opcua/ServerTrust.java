package io.vakt.driver.opcua;

import io.vakt.core.driver.support.SettingReader;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether the server's certificate is trusted on a secured channel. Security-minded default: a
 * server is trusted only when {@code trustServer} names its certificate (by SHA-256 fingerprint or as a
 * .der/.pem file); anything else is refused with a message that names the fingerprint and the setting, so
 * an engineer can check the fingerprint on the server's display and paste it. There is no
 * accept-on-first-use: a man in the middle on the first connect would be trusted for ever.
 */
final class ServerTrust implements CertificateValidator {
    private static final Pattern FINGERPRINT = Pattern.compile("(?i)(sha256:)?([0-9a-f]{2}:?){31}[0-9a-f]{2}");

    private final String controller;
    private final Optional<String> trusted;

    private ServerTrust(String controller, Optional<String> trustedFingerprint) {
        this.controller = controller;
        this.trusted = trustedFingerprint;
    }

    /** The validator for {@code trustServer} (empty: trust nothing). */
    static ServerTrust of(String controller, Optional<String> trustServer) {
        return new ServerTrust(controller, trustServer.map(ServerTrust::fingerprintOf));
    }

    /** Checks a {@code trustServer} value while the project loads. */
    static void check(String value, SettingReader reader) {
        if (FINGERPRINT.matcher(value).matches()) return;
        try {
            fingerprint(readCertificate(Path.of(value)));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw reader.bad("trustServer", "must be the server certificate's SHA-256 fingerprint (64 hex digits) "
                    + "or a readable .der/.pem certificate file (" + e.getMessage() + ")");
        }
    }

    @Override
    public void validateCertificateChain(List<X509Certificate> chain, String applicationUri, String[] validHostNames)
            throws UaException {
        if (chain.isEmpty()) throw new UaException(StatusCodes.Bad_SecurityChecksFailed, "the server sent no certificate");
        String actual = fingerprint(chain.get(0));
        if (trusted.isPresent() && trusted.get().equals(actual)) return;
        String problem = trusted.isPresent() ? "does not match trustServer (" + trusted.get() + ")" : "is not trusted";
        throw new UaException(StatusCodes.Bad_SecurityChecksFailed, "server certificate \""
                + chain.get(0).getSubjectX500Principal().getName() + "\" with SHA-256 fingerprint " + actual + " "
                + problem + "; if that is the server's certificate, set trustServer: " + actual
                + " in controllers/" + controller + ".yaml");
    }

    /** The normalised SHA-256 fingerprint ({@code AB:CD:…}) a {@code trustServer} value names. */
    static String fingerprintOf(String value) {
        if (FINGERPRINT.matcher(value).matches()) {
            String hex = value.toLowerCase(Locale.ROOT).replace("sha256:", "").replace(":", "");
            return colons(HexFormat.of().parseHex(hex));
        }
        try {
            return fingerprint(readCertificate(Path.of(value)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("trustServer " + value + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return colons(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colons(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** A certificate file in DER or PEM form (the factory reads both). */
    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(bytes));
    }
}
