package io.vakt.server.wamp;

import io.vakt.core.access.Authentication;
import io.vakt.core.access.Principal;
import io.vakt.core.access.TokenVerifier;
import io.vakt.store.ServiceKeyRecord;
import io.vakt.store.ServiceKeys;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampAuthenticator;
import io.vakt.wamp.router.WampUris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a joining WAMP session is (spec §7.4 decision): the credential — HELLO's {@code authid} under
 * {@code anonymous}, the ticket under {@code ticket} — is an access token, with or without {@code Bearer }, or a
 * service key ({@code vsk_…}; the prefix tells them apart without a look-up). Users get
 * {@code authid} = their user name, so the token never shows in meta API answers or disclosed callers;
 * services get {@code authid} = their service name. Runs on the router thread: the token check is an HS256
 * verification and a snapshot look-up, the key check one SHA-256 and a snapshot look-up, no I/O.
 */
public final class WampCredentials implements WampAuthenticator {
    /** {@code authprovider} of user sessions. */
    public static final String USER_PROVIDER = "vakt";
    /** {@code authprovider} of service sessions. */
    public static final String SERVICE_KEY_PROVIDER = "vakt-service-key";
    static final String EXPIRED = "access token expired";
    static final String INVALID = "invalid access token or service key";

    private static final Logger log = LoggerFactory.getLogger(WampCredentials.class);

    private final TokenVerifier tokens;
    private final ServiceKeyDirectory serviceKeys;

    public WampCredentials(TokenVerifier tokens, ServiceKeyDirectory serviceKeys) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.serviceKeys = Objects.requireNonNull(serviceKeys, "serviceKeys");
    }

    @Override
    public Outcome authenticate(String realm, String authmethod, String credential, Map<String, Object> details) {
        String presented = TokenVerifier.stripBearer(credential);
        if (presented == null || presented.isEmpty()) {
            return refuse(realm, authmethod, "no credential", "no access token or service key: with anonymous send it"
                    + " as authid, with ticket as the ticket");
        }
        if (ServiceKeys.looksLikeKey(presented)) return service(realm, authmethod, presented);
        return switch (tokens.verify(presented)) {
            case Authentication.Authenticated user -> {
                Principal principal = user.principal();
                yield new Outcome.Granted(new Identity(principal.username(), Identity.USER_ROLE, authmethod, USER_PROVIDER,
                        principal, presented, user.expiresAt()));
            }
            case Authentication.Expired expired ->
                    refuse(realm, authmethod, "the access token of user '" + expired.username() + "' has expired", EXPIRED);
            case Authentication.Invalid invalid -> refuse(realm, authmethod, "access token refused: " + invalid.reason(), INVALID);
        };
    }

    private Outcome service(String realm, String authmethod, String key) {
        Optional<ServiceKeyRecord> found = serviceKeys.find(key);
        if (found.isEmpty()) return refuse(realm, authmethod, "unknown, rotated or disabled service key", INVALID);
        ServiceKeyRecord service = found.get();
        Principal principal = new Principal(service.service(), service.level());
        return new Outcome.Granted(new Identity(service.service(), Identity.SERVICE_ROLE, authmethod, SERVICE_KEY_PROVIDER,
                principal, key, null));
    }

    /** The router logs the peer's address with the refusal; this line says why, without the credential. */
    private static Outcome refuse(String realm, String authmethod, String why, String message) {
        log.info("WAMP session refused ({} to realm {}): {}", authmethod, realm, why);
        return new Outcome.Denied(WampUris.AUTHENTICATION_FAILED, message);
    }
}
