package io.vakt.graphql.ws;

import io.vakt.core.access.Authentication;
import io.vakt.core.error.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The {@code graphql-transport-ws} protocol (graphql-ws PROTOCOL.md, spec §6). States: awaiting
 * {@code connection_init}, initialising, acknowledged. This protocol is strict: every violation closes the
 * socket with the close code the protocol assigns to it.
 */
public final class TransportWsSession implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(TransportWsSession.class);

    private enum State { AWAITING_INIT, ACKNOWLEDGED, CLOSED }

    private final SessionCore core;
    private State state = State.AWAITING_INIT;
    private WsTransport.Cancellable initDeadline;

    public TransportWsSession(SessionContext context) {
        this.core = new SessionCore(context, "next", context.stats().transportWsConnections);
    }

    @Override
    public void start() {
        initDeadline = core.transport().schedule(core.context.config().initTimeout(), () -> {
            if (state == State.AWAITING_INIT) violation(Fault.INIT_TIMEOUT, Fault.INIT_TIMEOUT.message());
        });
    }

    @Override
    public void onText(String text) {
        if (state == State.CLOSED) return;
        switch (MessageCodec.decodeTransportWs(text)) {
            case MessageCodec.Decoded.Malformed<TransportWsMessage> malformed ->
                    violation(Fault.UNKNOWN_MESSAGE, "Invalid message received: " + malformed.reason());
            case MessageCodec.Decoded.Ok<TransportWsMessage> ok -> handle(ok.message());
        }
    }

    private void handle(TransportWsMessage message) {
        switch (message) {
            case TransportWsMessage.ConnectionInit init -> onInit(init.payload());
            case TransportWsMessage.Subscribe subscribe -> onSubscribe(subscribe);
            case TransportWsMessage.Complete complete -> core.stop(complete.id());
            case TransportWsMessage.Ping ignored -> core.transport().sendText(MessageCodec.typeOnly("pong"));
            case TransportWsMessage.Pong ignored -> { }
        }
    }

    private void onInit(Map<String, Object> payload) {
        if (state != State.AWAITING_INIT) {
            violation(Fault.TOO_MANY_INIT, Fault.TOO_MANY_INIT.message());
            return;
        }
        if (initDeadline != null) initDeadline.cancel();
        Authentication result = core.authenticate(payload, this::onTokenExpired);
        if (!(result instanceof Authentication.Authenticated)) {
            // spec §15 item 2: a refused connection_init closes with 4403
            violation(Fault.FORBIDDEN_INIT, Fault.FORBIDDEN_INIT.message() + ": " + Fault.INVALID_AUTH_TOKEN.message());
            return;
        }
        state = State.ACKNOWLEDGED;
        core.transport().sendText(MessageCodec.typeOnly("connection_ack"));
    }

    private void onSubscribe(TransportWsMessage.Subscribe subscribe) {
        if (state != State.ACKNOWLEDGED) {
            violation(Fault.SUBSCRIBE_BEFORE_ACK, "Unauthorized");
            return;
        }
        if (core.isActive(subscribe.id())) {
            violation(Fault.DUPLICATE_OPERATION, "Subscriber for " + MessageCodec.abbreviate(subscribe.id()) + " already exists");
            return;
        }
        if (core.activeCount() >= core.context.config().maxOperations()) {
            core.protocolError();
            core.transport().sendText(MessageCodec.idTypePayload(subscribe.id(), "error", List.of(Map.of("message",
                    Fault.TOO_MANY_OPERATIONS.message() + " (limit " + core.context.config().maxOperations() + ")"))));
            return;
        }
        core.start(subscribe.id(), subscribe.payload(), (operation, outcome) -> {
            switch (outcome) {
                case OperationExecutor.Outcome.Rejected rejected -> {
                    core.stop(operation.id);
                    // an error message ends the operation; no complete follows it
                    core.transport().sendText(MessageCodec.idTypePayload(operation.id, "error", rejected.errors()));
                }
                case OperationExecutor.Outcome.Single single -> {
                    core.stop(operation.id);
                    core.transport().sendText(MessageCodec.idTypePayload(operation.id, "next", single.result()));
                    core.transport().sendText(MessageCodec.idType(operation.id, "complete"));
                }
                case OperationExecutor.Outcome.Live live -> operation.live(live.membership());
            }
        });
    }

    /** spec §6 decision: every active operation gets an INVALID_AUTH_TOKEN error, then close 4401. */
    private void onTokenExpired() {
        if (state == State.CLOSED) return;
        for (String id : core.activeIds()) {
            core.transport().sendText(MessageCodec.idTypePayload(id, "error",
                    List.of(Map.of("message", Fault.INVALID_AUTH_TOKEN.message()))));
        }
        close(Fault.INVALID_AUTH_TOKEN.closeCode(), Fault.INVALID_AUTH_TOKEN.message());
    }

    @Override
    public void onBinary() { violation(Fault.UNKNOWN_MESSAGE, "Invalid message received: binary messages are not supported"); }

    @Override
    public void onTooLarge(long limit) {
        violation(Fault.MESSAGE_TOO_LARGE, Fault.MESSAGE_TOO_LARGE.message() + " (limit " + limit + " bytes)");
    }

    @Override
    public void shutdown() { close(Fault.GOING_AWAY.closeCode(), Fault.GOING_AWAY.message()); }

    @Override
    public void onClosed() {
        state = State.CLOSED;
        if (initDeadline != null) initDeadline.cancel();
        core.release();
    }

    private void violation(Fault fault, String reason) {
        core.protocolError();
        close(fault.closeCode(), reason);
    }

    private void close(int code, String reason) {
        if (state == State.CLOSED) return;
        log.debug("Closing graphql-transport-ws socket from {}: {} {}", core.transport().remoteAddress(), code, reason);
        onClosed();
        core.transport().close(code, reason);
    }
}
