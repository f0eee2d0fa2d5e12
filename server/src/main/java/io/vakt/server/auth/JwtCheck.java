package io.vakt.server.auth;

import java.time.Instant;

/** What {@link JwtService#check} found out about a token, before any look-up of its user. */
public sealed interface JwtCheck {
    /** Signed by this server, issuer {@code vakt}, and inside its validity period. */
    record Valid(String username, String jti, Instant issuedAt, Instant expiresAt) implements JwtCheck {}

    /**
     * Signature and issuer are fine but {@code exp} has passed. {@code POST /login/refresh} still accepts
     * such a token (spec §2.2); everything else refuses it with {@code token-expired: true} (spec §2.1).
     */
    record Expired(String username, String jti, Instant expiresAt) implements JwtCheck {}

    /** Not a token of this server: malformed, forged, of another algorithm or issuer, not yet valid. */
    record Invalid(String reason) implements JwtCheck {}
}
