package io.vakt.server.auth;

import io.vakt.core.access.Authentication;
import io.vakt.core.access.Principal;
import io.vakt.core.access.TokenVerifier;
import io.vakt.store.UserRecord;

import java.util.Objects;
import java.util.Optional;

/**
 * The server's {@link TokenVerifier}: a token is good when {@link JwtService} accepts it and its user exists and
 * is not disabled in the {@link UserDirectory} snapshot. No I/O, so every protocol may call it on an event loop.
 */
public final class TokenService implements TokenVerifier {
    private final JwtService jwt;
    private final UserDirectory users;

    public TokenService(JwtService jwt, UserDirectory users) {
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public Authentication verify(String token) {
        return switch (jwt.check(token)) {
            case JwtCheck.Valid valid -> {
                Optional<UserRecord> user = users.find(valid.username());
                if (user.isEmpty()) yield new Authentication.Invalid("unknown user");
                if (user.get().disabled()) yield new Authentication.Invalid("user is disabled");
                // The level comes from the directory, not the token, so a level change applies at once
                Principal principal = new Principal(user.get().username(), user.get().level());
                yield new Authentication.Authenticated(principal, valid.jti(), valid.expiresAt());
            }
            case JwtCheck.Expired expired -> new Authentication.Expired(expired.username());
            case JwtCheck.Invalid invalid -> new Authentication.Invalid(invalid.reason());
        };
    }
}
