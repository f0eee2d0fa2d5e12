package io.vakt.server.ssf;

import io.vakt.core.error.Fault;
import io.vakt.scripting.SsfCaller;
import io.vakt.server.wamp.WampCredentials;
import io.vakt.wamp.local.LocalInvocation;
import io.vakt.wamp.router.Identity;

import java.util.Map;

/**
 * Who an {@code ssf.execute} (or {@code state.*}, {@code db.*}) call acts for (spec §7.6 decision): the token
 * in {@code callmeta.token}, else {@code _token}, else the calling session's own credential. A token passed
 * in the call is checked like a sign-in; a bad one refuses the call rather than quietly falling back to the
 * session's rights.
 */
final class SsfCallers {
    /** Who acts, for the runtime and for WAMP permission checks. */
    record Caller(SsfCaller ssf, Identity identity) {}

    private final WampCredentials credentials;

    SsfCallers(WampCredentials credentials) { this.credentials = credentials; }

    /**
     * @param kwargs  the call's kwargs as the client sent them (before the {@code kwargs} unwrapping)
     * @param session the calling session (from the router; in-process sessions have no credential)
     */
    Caller resolve(Map<String, Object> kwargs, Identity session) {
        String token = passedToken(kwargs);
        if (token == null || token.equals(session.credential())) return of(session);
        return switch (credentials.identify(token)) {
            case WampCredentials.Checked.Known known -> of(known.identity());
            case WampCredentials.Checked.Refused refused ->
                    throw Fault.NOT_AUTHORIZED.exception("the caller token passed with the call was refused: " + refused.message());
        };
    }

    /**
     * The caller of an invocation of one of the server's own procedures; an invocation without a known caller
     * (delivered outside the dealer) acts as the in-process {@code service} itself.
     */
    Caller resolve(LocalInvocation call, Map<String, Object> kwargs, String service) {
        return resolve(kwargs, call.caller() == null ? Identity.system(service) : call.caller());
    }

    /** {@code callmeta.token}, then {@code _token}; null when the call passes neither. */
    static String passedToken(Map<String, Object> kwargs) {
        if (kwargs.get("callmeta") instanceof Map<?, ?> callmeta && callmeta.get("token") instanceof String token
                && !token.isBlank()) {
            return token;
        }
        if (kwargs.get("_token") instanceof String token && !token.isBlank()) return token;
        return null;
    }

    private static Caller of(Identity identity) {
        boolean service = !Identity.USER_ROLE.equals(identity.authrole());
        return new Caller(new SsfCaller(identity.credential(), identity.principal(), service), identity);
    }
}
