package io.vakt.server.auth;

import io.vakt.core.access.Authentication;
import io.vakt.core.access.TokenVerifier;
import io.vakt.core.error.Fault;
import io.vakt.server.http.HttpAnswer;

import java.util.Objects;

/**
 * The check in front of every authorized HTTP endpoint (spec §2.1): {@code Authorization: Bearer <AT>} with a
 * valid token, else {@code 401}; an expired token adds the header {@code token-expired: true}, which tells
 * clients to refresh. Non-blocking.
 */
public final class AuthGuard {
    /** The response header that marks an expired access token (spec §2.1). */
    public static final String TOKEN_EXPIRED_HEADER = "token-expired";

    private final TokenVerifier verifier;

    public AuthGuard(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** @param authorizationHeader the request's {@code Authorization} header, null if it has none */
    public Guarded check(String authorizationHeader) {
        return switch (BearerHeader.parse(authorizationHeader)) {
            case BearerHeader.Absent absent -> unauthenticated("missing Authorization header");
            case BearerHeader.Unusable unusable -> unauthenticated(unusable.reason());
            case BearerHeader.Token token -> switch (verifier.verify(token.token())) {
                case Authentication.Authenticated ok -> new Guarded.Allowed(ok.principal(), ok.tokenId(), ok.expiresAt());
                case Authentication.Expired expired -> new Guarded.Denied(expiredAnswer());
                case Authentication.Invalid invalid -> unauthenticated(null);
            };
        };
    }

    /** {@code 401} with {@code token-expired: true}. */
    static HttpAnswer expiredAnswer() {
        return HttpAnswer.error(Fault.TOKEN_EXPIRED).withHeader(TOKEN_EXPIRED_HEADER, "true");
    }

    // The reason a token is invalid stays in the server: it would only help someone forging tokens
    private static Guarded unauthenticated(String detail) {
        return new Guarded.Denied(HttpAnswer.error(Fault.UNAUTHENTICATED, detail));
    }
}
