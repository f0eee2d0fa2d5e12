package io.vakt.store;

/**
 * How an attempt to exchange a refresh token for a new one ended (spec §2.2, {@code POST /login/refresh}).
 * Everything but {@link Rotated} is answered {@code 401}.
 */
public sealed interface RotationOutcome {
    /** The token was exchanged: it is now spent and {@code newRefreshToken} continues its family. */
    record Rotated(String username, String newRefreshToken) implements RotationOutcome {}

    /** No such token: never issued, or purged after it expired. */
    record Unknown() implements RotationOutcome {}

    /** The token's lifetime is over. */
    record Expired() implements RotationOutcome {}

    /** The token was revoked (logout, password change, disabled user, or reuse detected in its family). */
    record Revoked() implements RotationOutcome {}

    /**
     * A token that was already exchanged was presented again, so two parties hold the same family (OAuth 2.0
     * Security BCP §4.14, refresh-token reuse detection). The whole family was revoked.
     */
    record Reused(String username) implements RotationOutcome {}

    /** The access token or the user presented is not the one the refresh token was issued with. */
    record Mismatch() implements RotationOutcome {}
}
