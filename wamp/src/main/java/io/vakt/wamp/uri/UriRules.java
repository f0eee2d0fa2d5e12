package io.vakt.wamp.uri;

import java.util.Locale;

/**
 * URI checks, applied before a request reaches the dealer or broker and to URIs given to the meta API. URIs are matched lower-cased (spec §7.2:
 * every RPC name is lower-cased before calling), so the router lower-cases them on the way in and clients may
 * send any case. Validation follows the loose rules of the WAMP spec ("URIs", "Relaxed/Loose URIs"): dotted
 * components without whitespace or {@code #}; pattern-based subscriptions and registrations ("Pattern-based
 * Subscriptions", "Pattern-based Registrations") relax the rule for their match policy.
 */
public final class UriRules {
    private UriRules() {}

    public static String lowerCase(String uri) {
        return uri == null ? null : uri.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code uri} is acceptable under the loose URI rules for {@code match}. */
    public static boolean valid(String uri, MatchPolicy match) {
        if (uri == null || uri.isEmpty()) return false;
        int componentStart = 0;
        for (int i = 0; i <= uri.length(); i++) {
            boolean end = i == uri.length();
            char c = end ? '.' : uri.charAt(i);
            if (c == '.') {
                boolean empty = i == componentStart;
                if (empty && !emptyComponentAllowed(match, end)) return false;
                componentStart = i + 1;
            } else if (c == '#' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The part of a wildcard pattern every matching URI starts with: its components up to the first empty one,
     * each with its dot ({@code com.myapp..update} → {@code com.myapp.}); null when no component is empty (the
     * pattern then matches only itself).
     */
    public static String wildcardPrefix(String pattern) {
        int start = 0;
        while (true) {
            int dot = pattern.indexOf('.', start);
            int end = dot < 0 ? pattern.length() : dot;
            if (end == start) return pattern.substring(0, start);
            if (dot < 0) return null;
            start = dot + 1;
        }
    }

    private static boolean emptyComponentAllowed(MatchPolicy match, boolean last) {
        return switch (match) {
            case EXACT -> false;
            case PREFIX -> last;
            case WILDCARD -> true;
        };
    }
}
