package io.vakt.wamp.router;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Abort;
import io.vakt.wamp.message.WampMessage.Authenticate;
import io.vakt.wamp.message.WampMessage.Goodbye;
import io.vakt.wamp.message.WampMessage.Hello;
import io.vakt.wamp.message.WampMessage.Welcome;
import io.vakt.wamp.router.SessionHandshake.Step;
import io.vakt.wamp.serializer.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session over a transport, from HELLO to close (WAMP spec "Session Lifecycle"); the states are
 * {@link SessionState}. It encodes what it sends on the router thread and writes through its
 * {@link SessionOutbox}. Router thread only, except {@link #isClosed()}.
 *
 * <p>Close codes: after an ABORT or GOODBYE the WebSocket closes with 1000 (the WAMP message already said
 * why); 1001 when the server shuts down; 1008 when the session is too slow to take its results; 1009 for a
 * message over the size limit; 1011 when the router itself failed on one of the session's messages.
 */
final class RouterSession implements Peer {
    private static final Logger log = LoggerFactory.getLogger(RouterSession.class);

    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_GOING_AWAY = 1001;
    static final int CLOSE_POLICY = 1008;
    static final int CLOSE_TOO_BIG = 1009;
    static final int CLOSE_INTERNAL_ERROR = 1011;
    static final String TOKEN_EXPIRED_MESSAGE = "access token expired; reconnect with a refreshed token";

    private final RouterCore core;
    private final WampTransport transport;
    private final Serializer serializer;
    private final SessionOutbox outbox;
    private final SessionHandshake handshake;
    private final EstablishedDispatch.SessionControl control = new EstablishedDispatch.SessionControl() {
        @Override
        public void goodbye(Goodbye goodbye) { goodbyeReceived(goodbye); }

        @Override
        public void abort(Abort abort) { abortReceived(abort); }
    };
    /** Read by the transport's thread so frames for a closed session are not even decoded. */
    private volatile boolean closed;
    private long id;
    private SessionState state = SessionState.AWAITING_HELLO;
    private Realm realm;
    private Identity identity;
    private Map<String, Object> roles = Map.of();
    /** Joined and not yet asked to leave. */
    private boolean joined;
    /** Joined at some point: the session id stays reserved until the realm has seen it leave. */
    private boolean joinedOnce;
    private int closeCode = CLOSE_NORMAL;
    private WampScheduler.Cancellable helloTimer;
    private WampScheduler.Cancellable expiryTimer;
    private WampScheduler.Cancellable closingTimer;

    RouterSession(RouterCore core, WampTransport transport, Serializer serializer) {
        this.core = core;
        this.transport = transport;
        this.serializer = serializer;
        this.handshake = new SessionHandshake(core);
        this.outbox = new SessionOutbox(transport, serializer.binary(), core.config, core.stats, core.scheduler, this::tooSlow);
    }

    /** Any thread. */
    boolean isClosed() { return closed; }

    SessionState state() { return state; }

    boolean joinedOnce() { return joinedOnce; }

    /** The transport is open: the HELLO deadline starts (WAMP spec "Session Establishment"). */
    void start() {
        id = core.newSessionId();
        core.connectionOpened(this);
        if (core.shuttingDown()) {
            abort(WampUris.CLOSE_SYSTEM_SHUTDOWN, RouterCore.SHUTDOWN_MESSAGE, CLOSE_GOING_AWAY);
            return;
        }
        helloTimer = core.scheduler.schedule(core.config.helloTimeout(), this::helloTimedOut);
    }

    /** One decoded message from the transport. Nothing thrown here reaches another session. */
    void receive(WampMessage message) {
        try {
            switch (state) {
                case AWAITING_HELLO -> awaitingHello(message);
                case CHALLENGED -> challenged(message);
                case ESTABLISHED -> realm.dispatcher().dispatch(this, message, control);
                case CLOSING -> closing(message);
                case CLOSED -> { } // frames that were in flight when the session ended
            }
        } catch (ProtocolViolation violation) {
            violation(violation.getMessage());
        } catch (RuntimeException e) {
            failed(e, message);
        }
    }

    /** WAMP spec "Protocol Violations": ABORT, then close. */
    void violation(String text) {
        if (state == SessionState.CLOSED) return;
        core.stats.protocolViolations.increment();
        log.info("WAMP session {} from {}: protocol violation: {}", id, transport.remoteAddress(), text);
        abort(WampUris.PROTOCOL_VIOLATION, text, CLOSE_NORMAL);
    }

    /** A message over {@code maxMessageBytes}: ABORT, then close 1009 ("message too big"). */
    void tooLarge(long bytes) {
        if (state == SessionState.CLOSED) return;
        core.stats.protocolViolations.increment();
        String text = "message of " + bytes + " bytes exceeds the limit of " + core.config.maxMessageBytes();
        log.info("WAMP session {} from {}: {}", id, transport.remoteAddress(), text);
        abort(WampUris.PROTOCOL_VIOLATION, text, CLOSE_TOO_BIG);
    }

    /** The transport closed under the session. */
    void transportClosed() {
        if (state == SessionState.CLOSED) return;
        log.debug("WAMP session {} from {}: transport closed", id, transport.remoteAddress());
        outbox.discard();
        finish();
    }

    /** Router-initiated end of an established session (token expiry, kill, shutdown): GOODBYE, then CLOSING. */
    void goodbye(String reason, String message, int code) {
        if (state != SessionState.ESTABLISHED) return;
        transmit(new Goodbye(Map.of("message", message), reason));
        state = SessionState.CLOSING;
        closeCode = code;
        leaveRealm();
        closingTimer = core.scheduler.schedule(core.config.goodbyeTimeout(), () -> {
            if (state == SessionState.CLOSING) close(closeCode, "no GOODBYE reply");
        });
    }

    /** The router is shutting down. */
    void shutdown() {
        switch (state) {
            case AWAITING_HELLO, CHALLENGED -> abort(WampUris.CLOSE_SYSTEM_SHUTDOWN, RouterCore.SHUTDOWN_MESSAGE, CLOSE_GOING_AWAY);
            case ESTABLISHED -> goodbye(WampUris.CLOSE_SYSTEM_SHUTDOWN, RouterCore.SHUTDOWN_MESSAGE, CLOSE_GOING_AWAY);
            case CLOSING -> closeCode = CLOSE_GOING_AWAY;
            case CLOSED -> { }
        }
    }

    // ---- states before WELCOME (WAMP spec "Session Establishment")

    private void awaitingHello(WampMessage message) {
        switch (message) {
            case Hello hello -> next(handshake.hello(hello));
            case Abort abort -> abortReceived(abort);
            default -> throw new ProtocolViolation(EstablishedDispatch.nameOf(message)
                    + " before WELCOME; the first message must be HELLO");
        }
    }

    private void challenged(WampMessage message) {
        switch (message) {
            case Authenticate authenticate -> next(handshake.authenticate(authenticate));
            case Abort abort -> abortReceived(abort);
            default -> throw new ProtocolViolation(EstablishedDispatch.nameOf(message)
                    + " after CHALLENGE; the client must answer with AUTHENTICATE");
        }
    }

    private void next(Step step) {
        switch (step) {
            case Step.Join join -> welcome(join);
            case Step.Challenged challenged -> {
                transmit(challenged.challenge());
                state = SessionState.CHALLENGED;
            }
            case Step.Refuse refuse -> {
                core.stats.sessionsRefused.increment();
                log.info("WAMP session {} from {} refused: {} {}", id, transport.remoteAddress(), refuse.reason(), refuse.message());
                abort(refuse.reason(), refuse.message(), CLOSE_NORMAL);
            }
        }
    }

    private void welcome(Step.Join join) {
        if (core.shuttingDown()) {
            abort(WampUris.CLOSE_SYSTEM_SHUTDOWN, RouterCore.SHUTDOWN_MESSAGE, CLOSE_GOING_AWAY);
            return;
        }
        cancel(helloTimer);
        realm = join.realm();
        identity = join.identity();
        roles = join.roles();
        state = SessionState.ESTABLISHED;
        transmit(new Welcome(id, Welcomes.welcomeDetails(realm.name(), identity)));
        joined = realm.join(this);
        joinedOnce = joined;
        log.debug("WAMP session {} from {} joined {} as {} ({})", id, transport.remoteAddress(), realm.name(),
                identity.authid(), identity.authrole());
        if (identity.expiresAt() != null) {
            Duration left = Duration.between(Instant.now(), identity.expiresAt());
            expiryTimer = core.scheduler.schedule(left.isNegative() ? Duration.ZERO : left, this::tokenExpired);
        }
    }

    private void helloTimedOut() {
        if (state != SessionState.AWAITING_HELLO && state != SessionState.CHALLENGED) return;
        String awaited = state == SessionState.CHALLENGED ? "AUTHENTICATE" : "HELLO";
        String text = "no " + awaited + " within " + describe(core.config.helloTimeout());
        log.debug("WAMP session {} from {}: {}", id, transport.remoteAddress(), text);
        abort(WampUris.TIMEOUT, text, CLOSE_NORMAL);
    }

    // ---- established and closing

    /** Spec §7.4 decision: the router ends the session when the token expires; the client reconnects. */
    private void tokenExpired() {
        log.debug("WAMP session {} ({}): access token expired", id, identity.authid());
        goodbye(WampUris.CLOSE_TOKEN_EXPIRED, TOKEN_EXPIRED_MESSAGE, CLOSE_NORMAL);
    }

    /** WAMP spec "Session Closing": answer GOODBYE with GOODBYE, then the transport closes. */
    private void goodbyeReceived(Goodbye goodbye) {
        log.debug("WAMP session {}: GOODBYE {}", id, goodbye.reason());
        transmit(new Goodbye(Map.of(), WampUris.CLOSE_GOODBYE_AND_OUT));
        close(CLOSE_NORMAL, "goodbye");
    }

    private void abortReceived(Abort abort) {
        log.debug("WAMP session {} from {}: ABORT {} {}", id, transport.remoteAddress(), abort.reason(), abort.details());
        close(CLOSE_NORMAL, "aborted");
    }

    /** After the router's GOODBYE only the reply matters; other messages were in flight and are ignored. */
    private void closing(WampMessage message) {
        if (message instanceof Goodbye || message instanceof Abort) close(closeCode, "goodbye");
    }

    // ---- ending

    private void abort(String reason, String text, int code) {
        transmit(new Abort(Map.of("message", text), reason));
        close(code, reason);
    }

    private void close(int code, String reason) {
        if (state == SessionState.CLOSED) return;
        outbox.flushAllAndClose();
        finish();
        transport.close(code, closeReason(reason));
    }

    private void tooSlow() {
        if (state == SessionState.CLOSED) return;
        core.stats.slowSessionsClosed.increment();
        log.info("WAMP session {} from {}: closed, too slow to receive results", id, transport.remoteAddress());
        finish();
        transport.close(CLOSE_POLICY, "too slow to receive results");
    }

    /** A failure of the router's own code on this session's message: logged with its stack, only this session ends. */
    private void failed(RuntimeException e, WampMessage message) {
        log.warn("WAMP session {} from {}: internal error handling {}", id, transport.remoteAddress(),
                message == null ? "a message" : EstablishedDispatch.nameOf(message), e);
        if (state == SessionState.CLOSED) return;
        try {
            abort(WampUris.RUNTIME_ERROR, "internal router error", CLOSE_INTERNAL_ERROR);
        } catch (RuntimeException again) {
            finish();
            log.debug("WAMP session {}: could not send ABORT", id, again);
        }
    }

    private void finish() {
        state = SessionState.CLOSED;
        closed = true;
        cancel(helloTimer);
        cancel(expiryTimer);
        cancel(closingTimer);
        leaveRealm();
        core.connectionClosed(this);
    }

    /**
     * Leaves the realm in a task of its own: a session may end while the dealer or broker is iterating over
     * sessions (a send that finds it too slow, a kill from the meta API), and leaving changes those sessions.
     */
    private void leaveRealm() {
        if (!joined) return;
        joined = false;
        Realm left = realm;
        core.scheduler.execute(() -> left.leave(this));
    }

    // ---- sending

    /** Sends a message of the session itself (WELCOME, CHALLENGE, ABORT, GOODBYE), in any state before CLOSED. */
    private void transmit(WampMessage message) {
        outbox.send(serializer.encode(message));
    }

    @Override
    public void send(WampMessage message) {
        if (state != SessionState.ESTABLISHED) return;
        try {
            outbox.send(serializer.encode(message));
        } catch (RuntimeException e) {
            failed(e, message);
        }
    }

    @Override
    public void sendEvent(EncodedOnce event) {
        if (state != SessionState.ESTABLISHED) return;
        try {
            outbox.sendEvent(event.bytesFor(serializer));
        } catch (RuntimeException e) {
            failed(e, event.message());
        }
    }

    // ---- Peer

    @Override
    public long sessionId() { return id; }

    @Override
    public String realm() { return realm == null ? null : realm.name(); }

    @Override
    public Identity identity() { return identity; }

    @Override
    public boolean supportsFeature(String role, String feature) {
        return roles.get(role) instanceof Map<?, ?> announced
                && announced.get("features") instanceof Map<?, ?> features
                && Boolean.TRUE.equals(features.get(feature));
    }

    @Override
    public boolean isOpen() { return state == SessionState.ESTABLISHED; }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = Welcomes.describe(id, identity);
        Map<String, Object> transportDetails = new LinkedHashMap<>();
        transportDetails.put("type", "websocket");
        transportDetails.put("peer", String.valueOf(transport.remoteAddress()));
        transportDetails.put("serializer", serializer.subprotocol());
        details.put("transport", transportDetails);
        return details;
    }

    @Override
    public String toString() { return "WAMP session " + id + " (" + state + ")"; }

    private static void cancel(WampScheduler.Cancellable timer) {
        if (timer != null) timer.cancel();
    }

    /** RFC 6455 §5.5: a close frame's reason fits in 123 bytes of UTF-8; ABORT reasons from elsewhere may not. */
    static String closeReason(String reason) {
        String text = reason == null ? "" : reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > 123) text = text.substring(0, text.length() - 1);
        return text;
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
