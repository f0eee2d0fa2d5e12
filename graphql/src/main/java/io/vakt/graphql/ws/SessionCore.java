package io.vakt.graphql.ws;

import io.vakt.core.access.Authentication;
import io.vakt.core.access.TokenVerifier;
import io.vakt.graphql.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The parts both GraphQL WebSocket protocols share: authentication from {@code connection_init}, the
 * token-expiry timer, the active operations and the outbox. Each protocol session owns one and adds its
 * own state machine and message shapes. Used on the connection's thread only.
 */
final class SessionCore {
    private static final Logger log = LoggerFactory.getLogger(SessionCore.class);
    /** spec §6 decision: token sources, in this order. */
    private static final List<String> TOKEN_KEYS = List.of("Authorization", "authorization", "authToken");

    final SessionContext context;
    final Outbox outbox;
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final String dataMessageType;
    private final java.util.concurrent.atomic.AtomicInteger connectionGauge;
    private boolean released;
    private RequestContext request;
    private WsTransport.Cancellable expiryTimer;
    private long operationNumbers;

    SessionCore(SessionContext context, String dataMessageType, java.util.concurrent.atomic.AtomicInteger connectionGauge) {
        this.context = context;
        this.dataMessageType = dataMessageType;
        this.connectionGauge = connectionGauge;
        this.outbox = new Outbox(context.transport(), context.stats());
        connectionGauge.incrementAndGet();
    }

    WsTransport transport() { return context.transport(); }

    /** Checks the token of a {@code connection_init}; on success arms the expiry timer. */
    Authentication authenticate(Map<String, Object> payload, Runnable onExpiry) {
        String token = tokenFrom(payload);
        Authentication result = token == null
                ? new Authentication.Invalid("no token in connection_init or upgrade request")
                : context.tokens().verify(token);
        if (result instanceof Authentication.Authenticated ok) {
            request = new RequestContext(ok.principal(), transport().remoteAddress());
            if (expiryTimer != null) expiryTimer.cancel();
            Duration left = Duration.between(context.clock().instant(), ok.expiresAt());
            expiryTimer = transport().schedule(left.isNegative() ? Duration.ZERO : left, () -> {
                context.stats().tokenExpiries.increment();
                log.debug("Token of {} at {} expired; closing its GraphQL WebSocket", ok.principal().username(),
                        transport().remoteAddress());
                onExpiry.run();
            });
        } else {
            context.stats().authFailures.increment();
            log.info("GraphQL WebSocket from {} refused: {}", transport().remoteAddress(), describe(result));
        }
        return result;
    }

    private String tokenFrom(Map<String, Object> payload) {
        for (String key : TOKEN_KEYS) {
            if (payload.get(key) instanceof String value && !value.isBlank()) return TokenVerifier.stripBearer(value);
        }
        String header = transport().upgradeAuthorization();
        return header == null || header.isBlank() ? null : TokenVerifier.stripBearer(header);
    }

    private static String describe(Authentication result) {
        return switch (result) {
            case Authentication.Authenticated ok -> "ok";
            case Authentication.Expired expired -> "token of " + expired.username() + " has expired";
            case Authentication.Invalid invalid -> invalid.reason();
        };
    }

    boolean isActive(String id) { return operations.containsKey(id); }

    int activeCount() { return operations.size(); }

    /**
     * Starts an operation: the executor runs it off the loop and {@code onOutcome} gets the result back on
     * the loop, unless the operation was stopped meanwhile.
     */
    void start(String id, OperationPayload payload, BiConsumer<Operation, OperationExecutor.Outcome> onOutcome) {
        Operation operation = new Operation(id, ++operationNumbers, dataMessageType, outbox, transport().executor());
        operations.put(id, operation);
        context.stats().operations.incrementAndGet();
        java.util.concurrent.CompletionStage<OperationExecutor.Outcome> started;
        try {
            started = context.operations().run(payload, request, operation);
        } catch (RuntimeException refused) {
            // the worker executor refuses new work while the server shuts down
            started = java.util.concurrent.CompletableFuture.failedFuture(refused);
        }
        started.whenComplete((outcome, failure) ->
                transport().executor().execute(() -> {
                    if (operation.state() == Operation.State.DONE || operations.get(id) != operation) {
                        if (outcome instanceof OperationExecutor.Outcome.Live live) operation.live(live.membership());
                        return;
                    }
                    if (failure != null) {
                        log.error("GraphQL operation {} from {} failed unexpectedly", id, transport().remoteAddress(), failure);
                        onOutcome.accept(operation, new OperationExecutor.Outcome.Rejected(
                                List.of(Map.of("message", "Internal server error"))));
                        return;
                    }
                    onOutcome.accept(operation, outcome);
                }));
    }

    /** Ends an operation; returns false when no operation had that id. */
    boolean stop(String id) {
        Operation operation = operations.remove(id);
        if (operation == null) return false;
        operation.end();
        context.stats().operations.decrementAndGet();
        return true;
    }

    /** The ids of every active operation, in start order. */
    List<String> activeIds() { return new ArrayList<>(operations.keySet()); }

    /** Ends everything: the socket is closing. Idempotent. */
    void release() {
        if (released) return;
        released = true;
        connectionGauge.decrementAndGet();
        for (String id : activeIds()) stop(id);
        outbox.clear();
        if (expiryTimer != null) {
            expiryTimer.cancel();
            expiryTimer = null;
        }
    }

    void protocolError() { context.stats().protocolErrors.increment(); }
}
