package io.vakt.wamp.router;

import java.util.Map;

/**
 * Checks the credentials of a joining session (spec §7.4 decision). The server adapts its token service and
 * service keys to it. Called on the router's thread, so it must be quick (an HS256 check or a key lookup).
 */
public interface WampAuthenticator {
    /**
     * @param realm      the realm asked for (already known to exist)
     * @param authmethod {@code anonymous} (credential = HELLO's {@code authid}) or {@code ticket}
     *                   (credential = AUTHENTICATE's signature)
     * @param credential the access token (with or without {@code Bearer }) or service key; may be null or blank
     * @param details    the HELLO details, for anything else a method needs
     */
    Outcome authenticate(String realm, String authmethod, String credential, Map<String, Object> details);

    /** The answer: a session identity, or the reason to ABORT. */
    sealed interface Outcome {
        record Granted(Identity identity) implements Outcome {}

        /** @param reason the ABORT reason URI; {@code message} goes into the ABORT details */
        record Denied(String reason, String message) implements Outcome {}
    }
}
