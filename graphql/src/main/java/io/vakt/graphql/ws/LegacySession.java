package io.vakt.graphql.ws;

import io.vakt.core.access.Authentication;
import io.vakt.core.error.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The legacy Apollo protocol, subprotocol {@code graphql-ws} — what ArrigoLocal clients speak (spec §6,
 * subscriptions-transport-ws PROTOCOL.md). States: awaiting {@code connection_init}, then acknowledged.
 * This protocol is lenient: malformed messages get {@code connection_error} or {@code error} and the
 * connection stays open; only a failed or missing {@code connection_init} and token expiry close it.
 */
public final class LegacySession implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(LegacySession.class);

    private enum State { AWAITING_INIT, ACKNOWLEDGED, CLOSED }

    private final SessionCore core;
    private State state = State.AWAITING_INIT;
    private WsTransport.Cancellable initDeadline;
    private WsTransport.Cancellable keepAlive;

    public LegacySession(SessionContext context) {
        this.core = new SessionCore(context, "data", context.stats().legacyConnections);
    }

    @Override
    public void start() {
        // spec §6 decision: 10 s without connection_init → connection_error, then close
        initDeadline = core.transport().schedule(core.context.config().initTimeout(), () -> {
            if (state != State.AWAITING_INIT) return;
            core.protocolError();
            sendConnectionError(Fault.INIT_TIMEOUT.message());
            close(Fault.INIT_TIMEOUT.closeCode(), Fault.INIT_TIMEOUT.message());
        });
    }

    @Override
    public void onText(String text) {
        if (state == State.CLOSED) return;
        switch (MessageCodec.decodeLegacy(text)) {
            case MessageCodec.Decoded.Malformed<LegacyMessage> malformed -> {
                core.protocolError();
                // S34: a message that cannot be parsed → connection_error, without disconnecting
                if (malformed.id() != null) sendError(malformed.id(), malformed.reason());
                else sendConnectionError(malformed.reason());
            }
            case MessageCodec.Decoded.Ok<LegacyMessage> ok -> handle(ok.message());
        }
    }

    private void handle(LegacyMessage message) {
        switch (message) {
            case LegacyMessage.ConnectionInit init -> onInit(init.payload());
            case LegacyMessage.Start start -> onStart(start);
            case LegacyMessage.Stop stop -> {
                if (core.stop(stop.id())) core.transport().sendText(MessageCodec.idType(stop.id(), "complete"));
            }
            case LegacyMessage.ConnectionTerminate ignored -> close(1000, "connection_terminate");
            case LegacyMessage.Unknown unknown -> {
                core.protocolError();
                // the reference server's answer to an unknown type
                sendError(unknown.id(), "Invalid message type!");
            }
        }
    }

    private void onInit(Map<String, Object> payload) {
        Authentication result = core.authenticate(payload, this::onTokenExpired);
        if (!(result instanceof Authentication.Authenticated)) {
            // spec §15 item 2: connection_error INVALID_AUTH_TOKEN, then close
            sendConnectionError(Fault.INVALID_AUTH_TOKEN.message());
            close(Fault.INVALID_AUTH_TOKEN.closeCode(), Fault.INVALID_AUTH_TOKEN.message());
            return;
        }
        if (initDeadline != null) initDeadline.cancel();
        state = State.ACKNOWLEDGED;
        core.transport().sendText(MessageCodec.typeOnly("connection_ack"));
        // spec §6 decision: ka right after connection_ack, then every keep-alive interval
        core.transport().sendText(MessageCodec.typeOnly("ka"));
        if (keepAlive == null) scheduleKeepAlive();
    }

    private void scheduleKeepAlive() {
        keepAlive = core.transport().schedule(core.context.config().keepAliveInterval(), () -> {
            if (state != State.ACKNOWLEDGED) return;
            core.transport().sendText(MessageCodec.typeOnly("ka"));
            scheduleKeepAlive();
        });
    }

    private void onStart(LegacyMessage.Start start) {
        if (state != State.ACKNOWLEDGED) {
            core.protocolError();
            sendError(start.id(), "Unauthorized: send connection_init with a valid token first");
            return;
        }
        // the reference server replaces an operation whose id is reused
        core.stop(start.id());
        if (core.activeCount() >= core.context.config().maxOperations()) {
            core.protocolError();
            sendError(start.id(), Fault.TOO_MANY_OPERATIONS.message() + " (limit "
                    + core.context.config().maxOperations() + ")");
            return;
        }
        core.start(start.id(), start.payload(), (operation, outcome) -> {
            switch (outcome) {
                case OperationExecutor.Outcome.Rejected rejected -> {
                    core.stop(operation.id);
                    core.transport().sendText(MessageCodec.idTypePayload(operation.id, "error", rejected.errors().getFirst()));
                }
                case OperationExecutor.Outcome.Single single -> {
                    core.stop(operation.id);
                    core.transport().sendText(MessageCodec.idTypePayload(operation.id, "data", single.result()));
                    core.transport().sendText(MessageCodec.idType(operation.id, "complete"));
                }
                case OperationExecutor.Outcome.Live live -> operation.live(live.membership());
            }
        });
    }

    /** spec §6 decision: every active operation gets INVALID_AUTH_TOKEN, then close 4401. */
    private void onTokenExpired() {
        if (state == State.CLOSED) return;
        for (String id : core.activeIds()) {
            core.transport().sendText(MessageCodec.idTypePayload(id, "error",
                    Map.of("message", Fault.INVALID_AUTH_TOKEN.message())));
        }
        close(Fault.INVALID_AUTH_TOKEN.closeCode(), Fault.INVALID_AUTH_TOKEN.message());
    }

    @Override
    public void onBinary() {
        core.protocolError();
        sendConnectionError("binary messages are not part of this protocol");
    }

    @Override
    public void onTooLarge(long limit) {
        core.protocolError();
        String reason = Fault.MESSAGE_TOO_LARGE.message() + " (limit " + limit + " bytes)";
        sendConnectionError(reason);
        close(Fault.MESSAGE_TOO_LARGE.closeCode(), reason);
    }

    @Override
    public void shutdown() { close(Fault.GOING_AWAY.closeCode(), Fault.GOING_AWAY.message()); }

    @Override
    public void onClosed() {
        state = State.CLOSED;
        cancelTimers();
        core.release();
    }

    private void close(int code, String reason) {
        if (state == State.CLOSED) return;
        log.debug("Closing legacy GraphQL WebSocket from {}: {} {}", core.transport().remoteAddress(), code, reason);
        onClosed();
        core.transport().close(code, reason);
    }

    private void cancelTimers() {
        if (initDeadline != null) initDeadline.cancel();
        if (keepAlive != null) keepAlive.cancel();
    }

    private void sendConnectionError(String message) {
        core.transport().sendText(MessageCodec.withPayload("connection_error", Map.of("message", message)));
    }

    private void sendError(String id, String message) {
        if (id == null) {
            sendConnectionError(message);
            return;
        }
        core.transport().sendText(MessageCodec.idTypePayload(id, "error", Map.of("message", message)));
    }
}
