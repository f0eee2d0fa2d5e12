package io.vakt.store;

import java.time.Instant;

/**
 * What the store knows about one refresh token.
 *
 * @param username      the owner, as the user was created
 * @param accessTokenId the {@code jti} of the access token issued together with this refresh token
 * @param familyId      shared by every token descending from one login
 * @param rotated       already exchanged for a newer token of the family
 * @param revoked       revoked by logout, password change, disabling or reuse detection
 */
public record RefreshTokenInfo(String username, String accessTokenId, String familyId, Instant issued,
                               Instant expires, boolean rotated, boolean revoked) {
    /** Whether the token can still be exchanged at {@code now}. */
    public boolean usableAt(Instant now) {
        return !rotated && !revoked && now.isBefore(expires);
    }
}
