package io.vakt.server.tls;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an operator should know about the served certificate chain: who it is for, until when, and the findings
 * (self-signed, expired or not yet valid, expiring soon, not matching {@code tls.hostName}, incomplete chain),
 * each with a fix. Shown as start-up warnings, in the banner and in {@code GET /arrigo/api/sysinfo}.
 *
 * @param names the certificate's subject alternative names (DNS names and IP addresses)
 */
public record CertificateReport(String subject, String issuer, Instant notAfter, long daysLeft, boolean selfSigned,
                                List<String> names, List<CertificateFinding> findings) {

    public CertificateReport {
        names = List.copyOf(names);
        findings = List.copyOf(findings);
    }

    /** The sysinfo entry when TLS is off. */
    public static Map<String, Object> disabled() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("enabled", false);
        return map;
    }

    /**
     * @param hostName      the name users type ({@code tls.hostName}); null skips the name check
     * @param expiryWarning warn when the certificate expires within this time
     * @param trustAnchors  the CAs clients trust: normally {@link #jdkTrustAnchors()}
     */
    public static CertificateReport of(List<X509Certificate> chain, String hostName, Duration expiryWarning, Instant now,
                                       Collection<X509Certificate> trustAnchors) {
        X509Certificate leaf = chain.getFirst();
        boolean selfSigned = isSelfIssued(leaf);
        List<String> names = alternativeNames(leaf);
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        List<CertificateFinding> findings = new ArrayList<>();
        if (selfSigned) {
            findings.add(new CertificateFinding(CertificateFinding.SELF_SIGNED,
                    "The certificate is self-signed: browsers warn about it, and even after a user accepts the warning"
                            + " they may refuse the WebSocket connections (wss://) silently, so the web runtime shows no"
                            + " live values.",
                    "Use a certificate from a CA the browsers trust: your company CA, or ACME (Let's Encrypt) through a"
                            + " proxy such as Caddy in front of Vakt; keep self-signed certificates for tests."));
        }
        if (now.isAfter(notAfter)) {
            findings.add(new CertificateFinding(CertificateFinding.EXPIRED,
                    "The certificate expired on " + notAfter.truncatedTo(ChronoUnit.SECONDS) + "; clients refuse to connect.",
                    "Renew it and replace the files; Vakt reloads them within tls.reloadInterval, no restart needed."));
        } else if (now.isBefore(notBefore)) {
            findings.add(new CertificateFinding(CertificateFinding.NOT_YET_VALID,
                    "The certificate is not valid before " + notBefore.truncatedTo(ChronoUnit.SECONDS)
                            + "; clients refuse to connect until then.",
                    "Check this machine's clock (and the clients'); otherwise wait, or use the previous certificate."));
        } else if (!expiryWarning.isZero() && now.plus(expiryWarning).isAfter(notAfter)) {
            findings.add(new CertificateFinding(CertificateFinding.EXPIRES_SOON,
                    "The certificate expires on " + notAfter.truncatedTo(ChronoUnit.SECONDS) + ", in "
                            + daysBetween(now, notAfter) + " days.",
                    "Renew it before then and replace the files; Vakt reloads them without a restart."));
        }
        if (hostName != null && !hostName.isBlank() && !matches(leaf, names, hostName)) {
            findings.add(new CertificateFinding(CertificateFinding.HOST_MISMATCH,
                    "The certificate is not valid for " + hostName + " (tls.hostName); it names "
                            + (names.isEmpty() ? "no alternative names" : String.join(", ", names))
                            + ", so browsers refuse it for that name.",
                    "Get a certificate whose subject alternative names include " + hostName
                            + ", or set tls.hostName to the name users actually type."));
        }
        if (!selfSigned && !chainReachesAnchor(chain, trustAnchors)) {
            findings.add(new CertificateFinding(CertificateFinding.INCOMPLETE_CHAIN,
                    "The certificate chain is incomplete: the issuer of " + lastInChain(chain).getSubjectX500Principal().getName()
                            + " (" + lastInChain(chain).getIssuerX500Principal().getName() + ") is neither in the"
                            + " certificate file nor a CA this JDK trusts; browsers may accept it from their cache, other"
                            + " clients fail.",
                    "Append the intermediate certificate(s) your CA supplied to the certificate file, after the server"
                            + " certificate (the \"fullchain\" file); for a private CA, install its root on the clients."));
        }
        return new CertificateReport(leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                notAfter, daysBetween(now, notAfter), selfSigned, names, findings);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("enabled", true);
        map.put("subject", subject);
        map.put("issuer", issuer);
        map.put("notAfter", notAfter.toString());
        map.put("daysLeft", daysLeft);
        map.put("selfSigned", selfSigned);
        map.put("names", names);
        map.put("findings", findings.stream().map(CertificateFinding::toMap).toList());
        return map;
    }

    /** The CAs of the JDK's default trust store (cacerts), what Java clients trust; empty if it cannot be read. */
    public static List<X509Certificate> jdkTrustAnchors() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance)
                    .flatMap(manager -> Arrays.stream(((X509TrustManager) manager).getAcceptedIssuers()))
                    .toList();
        } catch (GeneralSecurityException e) {
            return List.of();
        }
    }

    private static long daysBetween(Instant now, Instant later) {
        return Duration.between(now, later).toDays();
    }

    /** Whether the certificate names itself as issuer and its own key verifies its signature. */
    public static boolean isSelfIssued(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) return false;
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Walks from the leaf through the file's certificates; complete when the last one is self-issued or signed by an anchor. */
    private static boolean chainReachesAnchor(List<X509Certificate> chain, Collection<X509Certificate> anchors) {
        X509Certificate last = lastInChain(chain);
        if (isSelfIssued(last) && last != chain.getFirst()) return true;
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && signedBy(last, anchor)) return true;
        }
        return false;
    }

    /** The last certificate reachable from the leaf by following issuers within the file (ignores stray extras). */
    private static X509Certificate lastInChain(List<X509Certificate> chain) {
        X509Certificate current = chain.getFirst();
        Set<X509Certificate> seen = new java.util.HashSet<>();
        while (seen.add(current)) {
            X509Certificate next = null;
            for (X509Certificate candidate : chain) {
                if (candidate != current && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && signedBy(current, candidate)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) return current;
            current = next;
        }
        return current;
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** DNS names as written, IP addresses in canonical form. */
    public static List<String> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries == null) return List.of();
            List<String> names = new ArrayList<>();
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                if (type == 2 || type == 7) names.add(String.valueOf(entry.get(1))); // dNSName, iPAddress
            }
            return names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /**
     * RFC 6125 as browsers apply it: an IP address matches only IP entries; a DNS name matches DNS entries (one
     * left-most wildcard label allowed); the subject's common name counts only when there are no DNS entries at all.
     */
    static boolean matches(X509Certificate certificate, List<String> names, String hostName) {
        String host = HostNames.stripBrackets(hostName.trim());
        if (HostNames.isIpLiteral(host)) {
            InetAddress wanted = address(host);
            return wanted != null && names.stream().filter(HostNames::isIpLiteral).map(CertificateReport::address)
                    .anyMatch(wanted::equals);
        }
        List<String> dnsNames = names.stream().filter(name -> !HostNames.isIpLiteral(name)).toList();
        if (dnsNames.isEmpty()) {
            return commonNames(certificate).stream().anyMatch(name -> HostNames.matchesDnsName(host, name));
        }
        return dnsNames.stream().anyMatch(name -> HostNames.matchesDnsName(host, name));
    }

    private static List<String> commonNames(X509Certificate certificate) {
        return Arrays.stream(certificate.getSubjectX500Principal().getName().split(","))
                .map(String::trim).filter(part -> part.startsWith("CN=")).map(part -> part.substring(3))
                .collect(Collectors.toList());
    }

    private static InetAddress address(String literal) {
        try {
            // only ever called with IP literals: no name lookup happens
            return InetAddress.getByName(HostNames.stripBrackets(literal));
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
