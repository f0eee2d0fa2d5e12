package io.vakt.server.doctor;

import io.vakt.server.tls.CertificateReport;
import io.vakt.server.tls.HostNames;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges the chain a server showed, the way a browser would, and names every problem with its fix: expired or
 * not yet valid, self-signed, untrusted CA, incomplete chain, wrong host name. Each is judged on its own (trust
 * is checked at a date inside the validity), so one run lists all of them.
 */
final class CertificateFindings {
    /** A problem of the certificate, in the operator's words. */
    record Problem(String cause, String fix) {}

    /** Warn this long before the certificate expires. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(21);

    private CertificateFindings() {}

    static List<Problem> problems(List<X509Certificate> chain, String host, Set<X509Certificate> anchors, Instant now) {
        List<Problem> problems = new ArrayList<>();
        X509Certificate leaf = chain.getFirst();
        validity(leaf, now).ifPresent(problems::add);
        boolean selfSigned = chain.size() == 1 && selfSigned(leaf);
        if (selfSigned) {
            problems.add(new Problem("the certificate is self-signed (" + leaf.getSubjectX500Principal().getName()
                    + "): browsers refuse it unless each user accepts it, and even then they may refuse WebSockets"
                    + " silently, so values stay as yellow boxes",
                    "use a certificate from a public CA (e.g. Let's Encrypt) for the name users type; "
                            + "a self-signed certificate is for a lab only"));
        } else {
            trust(chain, anchors).ifPresent(problems::add);
        }
        hostName(leaf, host).ifPresent(problems::add);
        return problems;
    }

    /** The expiry warning for a certificate that is valid now, else empty. */
    static Optional<String> expiresSoon(X509Certificate leaf, Instant now) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (notAfter.isAfter(now) && notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            return Optional.of("the certificate expires on " + notAfter + ", in "
                    + Duration.between(now, notAfter).toDays() + " days");
        }
        return Optional.empty();
    }

    private static Optional<Problem> validity(X509Certificate leaf, Instant now) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return Optional.of(new Problem("the certificate expired on " + notAfter,
                    "renew the certificate and install the new one (Vakt reloads tls.certificate by itself; a proxy needs a reload)"));
        }
        if (now.isBefore(notBefore)) {
            return Optional.of(new Problem("the certificate is not valid yet: it starts on " + notBefore,
                    "check the clock of the machine that made it and of this one, or wait until then"));
        }
        return Optional.empty();
    }

    static boolean selfSigned(X509Certificate certificate) { return CertificateReport.isSelfIssued(certificate); }

    /**
     * PKIX validation against {@code anchors} at a moment inside the leaf's validity, so an expired certificate
     * from a trusted CA is reported as expired only.
     */
    private static Optional<Problem> trust(List<X509Certificate> chain, Set<X509Certificate> anchors) {
        try {
            Set<TrustAnchor> trustAnchors = anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            X509Certificate leaf = chain.getFirst();
            long middle = (leaf.getNotBefore().getTime() + leaf.getNotAfter().getTime()) / 2;
            parameters.setDate(new Date(middle));
            // a chain that contains its own root is validated up to that root, which must be one of the anchors
            List<X509Certificate> path = new ArrayList<>(chain);
            if (path.size() > 1 && selfSigned(path.getLast())) {
                X509Certificate root = path.removeLast();
                if (!anchors.contains(root)) return Optional.of(untrustedCa(root));
            }
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            return Optional.of(incomplete(chain));
        } catch (GeneralSecurityException e) {
            return Optional.of(new Problem("the certificate chain cannot be checked: " + e.getMessage(),
                    "make sure the server sends well-formed X.509 certificates"));
        }
    }

    private static Problem untrustedCa(X509Certificate root) {
        return new Problem("the certificate comes from a CA this machine does not trust ("
                + root.getSubjectX500Principal().getName() + "): a private or company CA",
                "use a certificate from a public CA; with a company CA, every device that opens the site must trust "
                        + "that CA (install it there, and give it to vakt doctor with --trust FILE)");
    }

    private static Problem incomplete(List<X509Certificate> chain) {
        X509Certificate last = chain.getLast();
        String issuer = last.getIssuerX500Principal().getName();
        String sent = chain.size() == 1 ? "only its own certificate" : chain.size() + " certificates";
        return new Problem("incomplete chain: the server sends " + sent + ", without the certificate of its issuer ("
                + issuer + "), so clients cannot link it to a trusted CA (some browsers fill the gap, others and most apps do not)",
                "configure the full chain: the server certificate followed by the intermediate CA certificate(s) "
                        + "(Let's Encrypt: fullchain.pem, not cert.pem; nginx: ssl_certificate; Vakt: tls.certificate). "
                        + "If the issuer is a company CA, every client must trust it (vakt doctor: --trust FILE)");
    }

    private static Optional<Problem> hostName(X509Certificate leaf, String host) {
        List<String> dnsNames = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == 2) dnsNames.add(String.valueOf(name.get(1)));
                    if (type == 7) addresses.add(String.valueOf(name.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.of(new Problem("the certificate's subject alternative names cannot be read",
                    "issue a certificate with a subjectAltName for " + host));
        }
        boolean matches = HostNames.isIpLiteral(host)
                ? addresses.stream().anyMatch(address -> sameAddress(address, host))
                : dnsNames.stream().anyMatch(name -> HostNames.matchesDnsName(host, name));
        if (matches) return Optional.empty();
        List<String> all = new ArrayList<>(dnsNames);
        all.addAll(addresses);
        String names = all.isEmpty() ? "no names at all (browsers ignore the old common name field)" : String.join(", ", all);
        return Optional.of(new Problem("wrong host name: the certificate is for " + names + ", not for " + host,
                "issue the certificate for the name users type (" + host + "), or open the site under a name it lists"));
    }

    private static boolean sameAddress(String certificateAddress, String host) {
        try {
            return InetAddress.getByName(certificateAddress).equals(InetAddress.getByName(HostNames.stripBrackets(host)));
        } catch (UnknownHostException e) {
            return false; // both are literals; this cannot happen, and a mismatch is the safe answer
        }
    }
}
