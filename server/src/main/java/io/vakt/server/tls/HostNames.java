package io.vakt.server.tls;

import java.util.Locale;

/**
 * Host-name rules for certificates: IP literal detection and RFC 6125 matching of a name against a
 * certificate's DNS names (a wildcard stands for exactly one left-most label, never for an IP address).
 */
public final class HostNames {

    private HostNames() {}

    /** True for an IPv4 dotted quad or an IPv6 literal (with or without brackets). Never resolves names. */
    public static boolean isIpLiteral(String host) {
        String bare = stripBrackets(host);
        if (bare.indexOf(':') >= 0) return bare.matches("[0-9A-Fa-f:.]+(%.+)?");
        String[] parts = bare.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return false;
            if (Integer.parseInt(part) > 255) return false;
        }
        return true;
    }

    /** {@code [::1]} → {@code ::1}; anything else unchanged. */
    public static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * Does {@code host} match the certificate DNS name {@code pattern}? Case-insensitive, a trailing dot ignored;
     * {@code *.example.com} matches {@code a.example.com} but neither {@code example.com} nor {@code a.b.example.com}.
     */
    public static boolean matchesDnsName(String host, String pattern) {
        String name = normalise(host);
        String candidate = normalise(pattern);
        if (!candidate.startsWith("*.")) return name.equals(candidate);
        String suffix = candidate.substring(1); // ".example.com"
        if (!name.endsWith(suffix)) return false;
        String firstLabel = name.substring(0, name.length() - suffix.length());
        // a wildcard covering a public suffix alone ("*.com") is refused by browsers; require two labels after it
        return !firstLabel.isEmpty() && firstLabel.indexOf('.') < 0 && suffix.substring(1).contains(".");
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
