package io.vakt.wamp.testing;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampAuthenticator;
import io.vakt.wamp.router.WampUris;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link WampAuthenticator} with a fixed set of credentials. Known out of the box: {@code token-alice}
 * (user alice, Operator), {@code token-bob} (user bob, Operator), {@code token-nobody} (user nobody, level
 * None) and {@code key-ssf} (service ssf). Everything else is denied with
 * {@code wamp.error.authentication_failed}.
 */
public final class FakeAuthenticator implements WampAuthenticator {
    public static final String DENIED_MESSAGE = "invalid or expired access token";

    /** One call of {@link #authenticate}. */
    public record Attempt(String realm, String authmethod, String credential) {}

    private final Map<String, Identity> identities = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new ArrayList<>();

    public FakeAuthenticator() {
        user("token-alice", "alice", AccessLevel.Operator, null);
        user("token-bob", "bob", AccessLevel.Operator, null);
        user("token-nobody", "nobody", AccessLevel.None, null);
        identities.put("key-ssf", new Identity("ssf", Identity.SERVICE_ROLE, "anonymous", "vakt",
                new Principal("ssf", AccessLevel.Service), "key-ssf", null));
    }

    /** Adds a user token, optionally expiring. */
    public void user(String token, String name, AccessLevel level, Instant expiresAt) {
        identities.put(token, new Identity(name, Identity.USER_ROLE, "anonymous", "vakt", new Principal(name, level), token, expiresAt));
    }

    @Override
    public synchronized Outcome authenticate(String realm, String authmethod, String credential, Map<String, Object> details) {
        attempts.add(new Attempt(realm, authmethod, credential));
        Identity identity = credential == null ? null : identities.get(credential);
        if (identity == null) return new Outcome.Denied(WampUris.AUTHENTICATION_FAILED, DENIED_MESSAGE);
        return new Outcome.Granted(new Identity(identity.authid(), identity.authrole(), authmethod, identity.authprovider(),
                identity.principal(), identity.credential(), identity.expiresAt()));
    }

    public synchronized List<Attempt> attempts() { return List.copyOf(attempts); }
}
