package io.vakt.wamp.router;

import io.vakt.wamp.message.WampMessage;

import java.util.Map;

/**
 * A joined session as the dealer, broker and meta API see it: a remote session over a transport, or an
 * in-process one ({@code LocalSession}). Used on the router's thread only.
 */
public interface Peer {
    long sessionId();

    String realm();

    Identity identity();

    /**
     * Whether the peer announced {@code feature} for {@code role} in its HELLO
     * ({@code details.roles.<role>.features.<feature> == true}), e.g. {@code ("callee", "call_canceling")}.
     */
    boolean supportsFeature(String role, String feature);

    /**
     * Sends a message that must not be lost (replies, RESULT, INVOCATION, ERROR, control messages). A peer
     * that cannot take it because it is too slow is closed rather than silently missing it.
     */
    void send(WampMessage message);

    /**
     * Delivers an INVOCATION. {@code caller} is the calling session's identity: an in-process callee keeps it
     * (the ssf service acts with the caller's token, spec §7.6), a remote one gets only what the INVOCATION's
     * details disclose.
     */
    default void invoke(WampMessage.Invocation invocation, Identity caller) { send(invocation); }

    /**
     * Sends an EVENT encoded once for all its receivers. Events may be dropped, and counted, when the peer
     * is too slow (the slow-subscriber policy in {@code docs/architecture.md}).
     */
    void sendEvent(EncodedOnce event);

    /** False once the session has left (GOODBYE, ABORT, closed transport). */
    boolean isOpen();

    /**
     * What {@code wamp.session.get} answers about this session: {@code session}, {@code authid},
     * {@code authrole}, {@code authmethod}, {@code authprovider}, {@code transport}.
     */
    Map<String, Object> describe();
}
