package io.vakt.server.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes certificates: self-signed ones for {@code vakt cert self-signed}, and a tiny certificate authority
 * so tests can build every set an operator might hand us (CA-signed chain, incomplete chain, expired,
 * not yet valid, wrong host, self-signed).
 *
 * <p>Keys and signatures come from the JDK's own providers; BouncyCastle is only used to assemble the
 * X.509 structure, so no security provider is registered globally.
 *
 * <p>Host names: each entry is a DNS name ({@code localhost}, {@code *.example.com}) or an IP address
 * literal ({@code 127.0.0.1}, {@code ::1}); IP literals become IP subject alternative names, which is
 * what browsers and {@code java.net.http} check for {@code https://127.0.0.1/}.
 */
public final class SelfSignedCertificate {

    /** The key algorithms offered: EC P-256 (small, fast, the default) and RSA 2048 (for old clients). */
    public enum KeyAlgorithm { EC_P256, RSA_2048 }

    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {}

    /** A self-signed EC P-256 certificate for {@code hosts}, valid from one minute ago for {@code validity}. */
    public static IssuedCertificate create(List<String> hosts, Duration validity) {
        Instant now = Instant.now();
        return create(hosts, now.minus(Duration.ofMinutes(1)), now.plus(validity), KeyAlgorithm.EC_P256);
    }

    /** A self-signed certificate for {@code hosts} (the first one is also the subject's common name). */
    public static IssuedCertificate create(List<String> hosts, Instant notBefore, Instant notAfter, KeyAlgorithm algorithm) {
        requireHosts(hosts);
        KeyPair keys = keyPair(algorithm);
        X500Name subject = name(hosts.getFirst(), "Vakt self-signed");
        X509Certificate certificate = build(subject, keys.getPublic(), subject, keys, notBefore, notAfter,
                algorithm, hosts, Role.SELF_SIGNED_SERVER, null);
        return new IssuedCertificate(keys.getPrivate(), List.of(certificate));
    }

    /** A certificate authority (self-signed, {@code CA:true}) named {@code commonName}, for signing test leaves. */
    public static IssuedCertificate createCa(String commonName, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(commonName, "commonName");
        KeyPair keys = keyPair(KeyAlgorithm.EC_P256);
        X500Name subject = name(commonName, "Vakt test CA");
        X509Certificate certificate = build(subject, keys.getPublic(), subject, keys, notBefore, notAfter,
                KeyAlgorithm.EC_P256, List.of(), Role.CA, null);
        return new IssuedCertificate(keys.getPrivate(), List.of(certificate));
    }

    /** A CA valid from one day ago for ten years: what most tests need. */
    public static IssuedCertificate createCa(String commonName) {
        Instant now = Instant.now();
        return createCa(commonName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    /**
     * A server certificate for {@code hosts} signed by {@code ca}. The returned chain is the leaf followed by
     * the CA's chain, so {@link IssuedCertificate#writePem} writes a complete chain and
     * {@link IssuedCertificate#writeLeafOnlyPem} an incomplete one.
     */
    public static IssuedCertificate signedBy(IssuedCertificate ca, List<String> hosts, Instant notBefore, Instant notAfter,
                                             KeyAlgorithm algorithm) {
        requireHosts(hosts);
        KeyPair keys = keyPair(algorithm);
        X509Certificate caCertificate = ca.certificate();
        X500Name issuer = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        X509Certificate leaf = build(name(hosts.getFirst(), "Vakt test server"), keys.getPublic(), issuer,
                new KeyPair(caCertificate.getPublicKey(), ca.privateKey()), notBefore, notAfter, signingAlgorithmOf(ca),
                hosts, Role.SERVER, caCertificate);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(ca.chain());
        return new IssuedCertificate(keys.getPrivate(), chain);
    }

    /** A leaf for {@code hosts} signed by {@code ca}, valid from one minute ago for {@code validity}, EC P-256. */
    public static IssuedCertificate signedBy(IssuedCertificate ca, List<String> hosts, Duration validity) {
        Instant now = Instant.now();
        return signedBy(ca, hosts, now.minus(Duration.ofMinutes(1)), now.plus(validity), KeyAlgorithm.EC_P256);
    }

    private enum Role { CA, SERVER, SELF_SIGNED_SERVER }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair signer,
                                         Instant notBefore, Instant notAfter, KeyAlgorithm signerAlgorithm,
                                         List<String> hosts, Role role, X509Certificate issuerCertificate) {
        if (!notAfter.isAfter(notBefore)) throw new IllegalArgumentException("notAfter must be after notBefore");
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKey));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuerCertificate));
            }
            if (role == Role.CA) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
            }
            ContentSigner contentSigner = new JcaContentSignerBuilder(signatureAlgorithm(signerAlgorithm))
                    .build(signer.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> hosts) {
        return new GeneralNames(hosts.stream()
                .map(host -> HostNames.isIpLiteral(host)
                        ? new GeneralName(GeneralName.iPAddress, HostNames.stripBrackets(host))
                        : new GeneralName(GeneralName.dNSName, host))
                .toArray(GeneralName[]::new));
    }

    private static X500Name name(String commonName, String organisation) {
        // most significant first, as CAs encode it; shown (RFC 2253, reversed) as "CN=…,O=…"
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static KeyPair keyPair(KeyAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case EC_P256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    yield generator.generateKeyPair();
                }
                case RSA_2048 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                    yield generator.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make " + algorithm + " keys: " + e.getMessage(), e);
        }
    }

    private static KeyAlgorithm signingAlgorithmOf(IssuedCertificate ca) {
        return "RSA".equals(ca.privateKey().getAlgorithm()) ? KeyAlgorithm.RSA_2048 : KeyAlgorithm.EC_P256;
    }

    private static String signatureAlgorithm(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case EC_P256 -> "SHA256withECDSA";
            case RSA_2048 -> "SHA256withRSA";
        };
    }

    /** Random positive 127-bit serial: unique enough that a reloaded certificate is always told apart. */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static void requireHosts(List<String> hosts) {
        if (hosts == null || hosts.isEmpty()) throw new IllegalArgumentException("a server certificate needs at least one host name");
        for (String host : hosts) {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("host names must not be blank");
        }
    }
}
