package io.vakt.core.access;

/**
 * Checks access tokens. The server implements it with its JWT service; protocol modules depend only on
 * this seam. Implementations are fast and non-blocking (no I/O), so they may be called on an event loop.
 */
public interface TokenVerifier {
    /** Accepts the raw token, with or without a leading {@code Bearer } (spec §15 item 4). */
    Authentication verify(String token);

    static String stripBearer(String token) {
        if (token == null) return null;
        String trimmed = token.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) return trimmed.substring(7).trim();
        return trimmed;
    }
}
