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
        return switch (check(authmethod, credential)) {
            case Checked.Known known -> new Outcome.Granted(known.identity());
            case Checked.Refused refused -> {
                log.info("WAMP session refused ({} to realm {}): {}", authmethod, realm, refused.why());
                yield new Outcome.Denied(WampUris.AUTHENTICATION_FAILED, refused.message());
            }
        };
    }

    /**
     * Who a token or service key names, for a caller token passed inside a call ({@code callmeta.token},
     * spec §7.6) rather than at sign-in; nothing is logged.
     *
     * @return {@code Known} with the identity, or {@code Refused} with what the caller may be told
     */
    public Checked identify(String credential) { return check("ticket", credential); }

    /** What {@link #identify} finds. */
    public sealed interface Checked {
        record Known(Identity identity) implements Checked {}

        /** @param why for the log (no credential in it); @param message for the peer */
        record Refused(String why, String message) implements Checked {}
    }

    private Checked check(String authmethod, String credential) {
        String presented = TokenVerifier.stripBearer(credential);
        if (presented == null || presented.isEmpty()) {
            return new Checked.Refused("no credential", "no access token or service key: with anonymous send it"
                    + " as authid, with ticket as the ticket");
        }
        if (ServiceKeys.looksLikeKey(presented)) return service(authmethod, presented);
        return switch (tokens.verify(presented)) {
            case Authentication.Authenticated user -> {
                Principal principal = user.principal();
                yield new Checked.Known(new Identity(principal.username(), Identity.USER_ROLE, authmethod, USER_PROVIDER,
                        principal, presented, user.expiresAt()));
            }
            case Authentication.Expired expired ->
                    new Checked.Refused("the access token of user '" + expired.username() + "' has expired", EXPIRED);
            case Authentication.Invalid invalid -> new Checked.Refused("access token refused: " + invalid.reason(), INVALID);
        };
    }

    private Checked service(String authmethod, String key) {
        Optional<ServiceKeyRecord> found = serviceKeys.find(key);
        if (found.isEmpty()) return new Checked.Refused("unknown, rotated or disabled service key", INVALID);
        ServiceKeyRecord service = found.get();
        Principal principal = new Principal(service.service(), service.level());
        return new Checked.Known(new Identity(service.service(), Identity.SERVICE_ROLE, authmethod, SERVICE_KEY_PROVIDER,
                principal, key, null));
    }
}
