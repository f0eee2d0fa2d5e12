package io.vakt.server.auth;

import java.util.Locale;

/**
 * Reads an {@code Authorization} header (spec §2.1): the scheme {@code Bearer} in any letter case, then the
 * token. The spec shows exactly one space; more are tolerated, since proxies and scripts differ.
 */
sealed interface BearerHeader {
    record Token(String token) implements BearerHeader {}

    /** No header, or only whitespace. */
    record Absent() implements BearerHeader {}

    /** A header with another scheme, or {@code Bearer} without a token. */
    record Unusable(String reason) implements BearerHeader {}

    static BearerHeader parse(String header) {
        if (header == null || header.isBlank()) return new Absent();
        String trimmed = header.strip();
        int space = indexOfWhitespace(trimmed);
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
            return new Unusable("Authorization scheme must be Bearer");
        }
        String token = space < 0 ? "" : trimmed.substring(space).strip();
        return token.isEmpty() ? new Unusable("Bearer without a token") : new Token(token);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) return i;
        }
        return -1;
    }
}
