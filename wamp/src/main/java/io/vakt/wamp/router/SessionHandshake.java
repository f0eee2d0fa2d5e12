package io.vakt.wamp.router;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage.Authenticate;
import io.vakt.wamp.message.WampMessage.Challenge;
import io.vakt.wamp.message.WampMessage.Hello;
import io.vakt.wamp.router.WampAuthenticator.Outcome;

import java.util.List;
import java.util.Map;

/**
 * Opening a session (WAMP spec "Session Establishment", "Authentication"; spec §7.4 decision): checks HELLO,
 * picks the authentication method, and asks the {@link WampAuthenticator}. Users sign in with
 * {@code anonymous} and their access token as {@code authid} (as ArrigoLocal) or with {@code ticket} and the
 * token as the ticket; services with {@code anonymous} and their service key. One instance per connection,
 * router thread only.
 */
final class SessionHandshake {
    static final String ANONYMOUS = "anonymous";
    static final String TICKET = "ticket";
    /** Supported methods, in the router's order of preference when a client offers several equally. */
    private static final List<String> SUPPORTED = List.of(ANONYMOUS, TICKET);
    static final String SUPPORTED_TEXT = "supported: anonymous (authid = access token or service key), "
            + "ticket (ticket = access token)";

    /** What the session does next. */
    sealed interface Step {
        /** Send WELCOME and join {@code realm}. {@code roles} are the client's announced roles. */
        record Join(Realm realm, Identity identity, Map<String, Object> roles) implements Step {}

        /** Send this CHALLENGE and wait for AUTHENTICATE. */
        record Challenged(Challenge challenge) implements Step {}

        /** Send ABORT with {@code reason} and {@code message}: the session is refused. */
        record Refuse(String reason, String message) implements Step {}
    }

    private final RouterCore core;
    /** The HELLO a CHALLENGE was sent for; null until then. */
    private Hello challengedHello;
    private Realm challengedRealm;

    SessionHandshake(RouterCore core) { this.core = core; }

    /**
     * @throws ProtocolViolation when HELLO is malformed (no roles, authmethods not a list of strings, …)
     */
    Step hello(Hello hello) {
        Map<String, Object> details = hello.details();
        // WAMP spec "HELLO": a client MUST announce the roles it implements.
        if (!(details.get("roles") instanceof Map<?, ?> roles) || roles.isEmpty()) {
            throw new ProtocolViolation("HELLO without roles: details.roles must announce at least one client role");
        }
        Realm realm = core.realm(hello.realm());
        if (realm == null) {
            return new Step.Refuse(WampUris.NO_SUCH_REALM, "no realm '" + hello.realm() + "' on this router; realms: "
                    + String.join(", ", core.config.realms()));
        }
        String method = chooseMethod(details.get("authmethods"));
        if (method == null) return new Step.Refuse(WampUris.NO_AUTH_METHOD, "no supported authmethod offered; " + SUPPORTED_TEXT);
        return switch (method) {
            case TICKET -> {
                challengedHello = hello;
                challengedRealm = realm;
                // WAMP spec "Ticket-based Authentication": the ticket comes back as AUTHENTICATE.Signature.
                yield new Step.Challenged(new Challenge(TICKET, Map.of()));
            }
            default -> authenticate(realm, ANONYMOUS, stringOrNull(details.get("authid"), "authid"), hello);
        };
    }

    /** AUTHENTICATE after a CHALLENGE (the caller makes sure one was sent). */
    Step authenticate(Authenticate authenticate) {
        Hello hello = challengedHello;
        challengedHello = null;
        return authenticate(challengedRealm, TICKET, authenticate.signature(), hello);
    }

    private Step authenticate(Realm realm, String method, String credential, Hello hello) {
        Outcome outcome = core.authenticator.authenticate(realm.name(), method, credential, hello.details());
        return switch (outcome) {
            case Outcome.Granted granted -> new Step.Join(realm, granted.identity(), roles(hello));
            case Outcome.Denied denied -> new Step.Refuse(denied.reason(), denied.message());
        };
    }

    /** The first method of the client's list the router supports ({@code ["anonymous"]} when absent), or null. */
    private static String chooseMethod(Object authmethods) {
        if (authmethods == null) return ANONYMOUS;
        if (!(authmethods instanceof List<?> offered)) throw new ProtocolViolation("HELLO.Details.authmethods must be a list of strings");
        for (Object method : offered) {
            if (!(method instanceof String name)) throw new ProtocolViolation("HELLO.Details.authmethods must be a list of strings");
            if (SUPPORTED.contains(name)) return name;
        }
        return null;
    }

    private static String stringOrNull(Object value, String key) {
        if (value == null || value instanceof String) return (String) value;
        throw new ProtocolViolation("HELLO.Details." + key + " must be a string");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roles(Hello hello) {
        return (Map<String, Object>) hello.details().get("roles");
    }
}
