package io.vakt.server.tls;

import java.math.BigInteger;
import java.security.cert.X509Certificate;

/** Tells certificates apart without holding them: issuer and serial number identify a certificate. */
public record X509CertificateIdentity(String issuer, BigInteger serial) {
    public static X509CertificateIdentity of(X509Certificate certificate) {
        return new X509CertificateIdentity(certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber());
    }
}
