package io.vakt.wamp.uri;

import java.util.Arrays;

/**
 * A wildcard URI split into components, where an empty component stands for any one whole component of the
 * called procedure or published topic (WAMP spec "Pattern-based Registrations" and "Pattern-based
 * Subscriptions", wildcard matching). Shared by the dealer and the broker.
 *
 * @param components the URI's components; empty strings are wildcards
 * @param wildcards  the positions of the wildcards, ascending
 */
public record WildcardPattern(String[] components, int[] wildcards) {

    public static WildcardPattern of(String uri) {
        String[] components = split(uri);
        int count = 0;
        for (String component : components) if (component.isEmpty()) count++;
        int[] wildcards = new int[count];
        for (int i = 0, w = 0; i < components.length; i++) if (components[i].isEmpty()) wildcards[w++] = i;
        return new WildcardPattern(components, wildcards);
    }

    /** Splits on '.', keeping empty components (String.split would drop trailing ones). */
    public static String[] split(String uri) {
        int count = componentCount(uri);
        String[] parts = new String[count];
        int start = 0;
        for (int i = 0; i < count - 1; i++) {
            int dot = uri.indexOf('.', start);
            parts[i] = uri.substring(start, dot);
            start = dot + 1;
        }
        parts[count - 1] = uri.substring(start);
        return parts;
    }

    public static int componentCount(String uri) {
        int count = 1;
        for (int i = 0; i < uri.length(); i++) if (uri.charAt(i) == '.') count++;
        return count;
    }

    public int size() { return components.length; }

    /** Whether a called URI, already split, matches: same number of components, equal where not a wildcard. */
    public boolean matches(String[] called) {
        if (called.length != components.length) return false;
        for (int i = 0; i < components.length; i++) {
            String component = components[i];
            if (!component.isEmpty() && !component.equals(called[i])) return false;
        }
        return true;
    }

    /**
     * Whether this pattern takes precedence over {@code other} when both match a call. The spec prefers the
     * pattern with the longer run of literal components before its first wildcard, then before its second, and
     * so on; for patterns of equal length that is the pattern whose wildcards come later, position by position
     * (a pattern that has run out of wildcards counts as having its next one at the end).
     */
    public boolean beats(WildcardPattern other) {
        int n = Math.max(wildcards.length, other.wildcards.length);
        for (int i = 0; i < n; i++) {
            int mine = i < wildcards.length ? wildcards[i] : Integer.MAX_VALUE;
            int theirs = i < other.wildcards.length ? other.wildcards[i] : Integer.MAX_VALUE;
            if (mine != theirs) return mine > theirs;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WildcardPattern p && Arrays.equals(components, p.components);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(components); }

    @Override
    public String toString() { return String.join(".", components); }
}
