package io.vakt.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token just signed by {@link JwtService}, with the claims a caller needs without parsing it again.
 *
 * @param token     the compact JWT
 * @param jti       its {@code jti} claim; refresh tokens are bound to it
 * @param issuedAt  its {@code iat} (and {@code nbf}), whole seconds
 * @param expiresAt its {@code exp}, whole seconds
 */
public record IssuedToken(String token, String jti, Instant issuedAt, Instant expiresAt) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    // The token is a credential: keep it out of logs and assertion messages
    @Override
    public String toString() {
        return "IssuedToken[jti=" + jti + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
