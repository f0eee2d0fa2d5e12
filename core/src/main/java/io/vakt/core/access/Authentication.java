package io.vakt.core.access;

import java.time.Instant;

/** The outcome of checking an access token. */
public sealed interface Authentication {
    /** A valid token of a known user, usable until {@code expiresAt}. */
    record Authenticated(Principal principal, String tokenId, Instant expiresAt) implements Authentication {}

    /** Signature and issuer are fine but the token has expired (HTTP: {@code token-expired: true}). */
    record Expired(String username) implements Authentication {}

    /** Forged, foreign, malformed, or of a user that no longer exists. */
    record Invalid(String reason) implements Authentication {}
}
