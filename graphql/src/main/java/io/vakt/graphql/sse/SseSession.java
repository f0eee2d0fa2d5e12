package io.vakt.graphql.sse;

import io.vakt.graphql.ws.MessageCodec;
import io.vakt.graphql.ws.OperationPayload;
import io.vakt.graphql.ws.SessionContext;
import io.vakt.graphql.ws.TransportWsSession;
import io.vakt.graphql.ws.WsTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One graphql-sse session (a reservation in single connection mode, one streamed operation in distinct
 * connections mode), served by a {@link TransportWsSession} — the WebSocket path's own session logic — over an
 * {@link SseTransport}. The HTTP requests of the protocol become the messages that session expects: the
 * reservation's {@code Authorization} header a {@code connection_init}, a POSTed operation a {@code subscribe},
 * a DELETE a {@code complete}. So authentication, operation limits, token expiry, subscription groups and
 * conflation for slow clients are the WebSocket path's, not a copy of them.
 *
 * <p>States: {@link State#NEW} → {@link State#RESERVED} (authenticated, no stream yet) → {@link State#STREAMING}
 * → {@link State#ENDED}. Every method runs on the session's executor.
 */
public final class SseSession {
    private static final Logger log = LoggerFactory.getLogger(SseSession.class);

    /** Timers on the session's executor. */
    @FunctionalInterface
    public interface Timers {
        WsTransport.Cancellable schedule(Duration delay, Runnable task);
    }

    public enum State { NEW, RESERVED, STREAMING, ENDED }

    /** The outcome of the reservation's (or stream request's) authentication. */
    public sealed interface Admission {
        record Accepted() implements Admission {}

        record Refused(String reason) implements Admission {}
    }

    public enum StartResult { STARTED, DUPLICATE_ID, ENDED }

    public enum AttachResult { ATTACHED, ALREADY_STREAMING, ENDED }

    private final SseMode mode;
    private final SseTransport transport;
    private final TransportWsSession session;
    private final Duration openTimeout;
    private final Set<String> active = new HashSet<>();
    private final List<Runnable> endListeners = new ArrayList<>();
    private State state = State.NEW;
    private boolean acknowledged;
    private String closeReason;
    private WsTransport.Cancellable openDeadline;

    /**
     * @param contexts      the same factory the WebSocket endpoint builds its sessions' contexts with
     * @param authorization the {@code Authorization} header of the reservation or stream request (may be null)
     * @param openTimeout   a reservation whose stream is not opened by then is dropped ({@code fallback.sessionTimeout})
     */
    public SseSession(SseMode mode, Function<WsTransport, SessionContext> contexts, Executor executor, Timers timers,
                      String remoteAddress, String authorization, Duration openTimeout) {
        this.mode = mode;
        this.openTimeout = openTimeout;
        this.transport = new SseTransport(mode, executor, timers, remoteAddress, authorization, new SseTransport.Events() {
            @Override
            public void acknowledged() { acknowledged = true; }

            @Override
            public void operationEnded(String id) { onOperationEnded(id); }

            @Override
            public void closed(int code, String reason) { onSessionClosed(code, reason); }
        });
        this.session = new TransportWsSession(contexts.apply(transport));
    }

    public SseMode mode() { return mode; }

    public State state() { return state; }

    /** Authenticates with the request's bearer token, as a {@code connection_init} would. Call once. */
    public Admission admit() {
        if (state != State.NEW) throw new IllegalStateException("admit() is called once, on a new session");
        session.start();
        session.onText(MessageCodec.typeOnly("connection_init"));
        if (!acknowledged) {
            finish();
            return new Admission.Refused(closeReason == null ? "the session did not acknowledge" : closeReason);
        }
        state = State.RESERVED;
        openDeadline = transport.schedule(openTimeout, () -> {
            if (state == State.RESERVED) {
                log.debug("GraphQL event stream reserved by {} was not opened within {}; dropping it",
                        transport.remoteAddress(), openTimeout);
                end();
            }
        });
        return new Admission.Accepted();
    }

    /** Opens the event stream of this session; events that waited for it go out first. */
    public AttachResult attach(SseOutput output) {
        return switch (state) {
            case NEW, ENDED -> AttachResult.ENDED;
            case STREAMING -> AttachResult.ALREADY_STREAMING;
            case RESERVED -> {
                state = State.STREAMING;
                if (openDeadline != null) openDeadline.cancel();
                transport.attach(output);
                yield AttachResult.ATTACHED;
            }
        };
    }

    /** Starts an operation as a {@code subscribe} with this id. */
    public StartResult start(String operationId, OperationPayload operation) {
        if (state == State.ENDED || state == State.NEW) return StartResult.ENDED;
        if (!active.add(operationId)) return StartResult.DUPLICATE_ID;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("query", operation.query());
        payload.put("variables", operation.variables());
        if (operation.operationName() != null) payload.put("operationName", operation.operationName());
        session.onText(MessageCodec.idTypePayload(operationId, "subscribe", payload));
        return StartResult.STARTED;
    }

    /** Stops an operation as a {@code complete} would; unknown or finished ids are ignored. */
    public void stop(String operationId) {
        if (state == State.ENDED || !active.remove(operationId)) return;
        session.onText(MessageCodec.idType(operationId, "complete"));
        transport.forget(operationId);
    }

    /** The stream's HTTP connection closed: the session and all its operations end. */
    public void outputClosed() {
        if (state == State.ENDED) return;
        transport.detach();
        session.onClosed();
        finish();
    }

    /** The server is going away. */
    public void shutdown() {
        if (state != State.ENDED) session.shutdown();
    }

    /** Ends the session from the server's side (dropped reservation, fallback turned off). */
    public void end() {
        if (state == State.ENDED) return;
        session.onClosed();
        finish();
        transport.endOutput();
    }

    /** Runs once the session has ended, whatever ended it. */
    public void onEnded(Runnable listener) {
        if (state == State.ENDED) listener.run();
        else endListeners.add(listener);
    }

    private void onOperationEnded(String id) {
        active.remove(id);
        // distinct connections mode: the stream belongs to its one operation and ends with it
        if (mode == SseMode.DISTINCT_CONNECTIONS && active.isEmpty() && state == State.STREAMING) end();
    }

    private void onSessionClosed(int code, String reason) {
        closeReason = reason;
        if (state == State.NEW) return; // admit() reports the refusal
        log.debug("GraphQL event stream of {} ends: {} {}", transport.remoteAddress(), code, reason);
        finish();
        transport.endOutput();
    }

    private void finish() {
        if (state == State.ENDED) return;
        state = State.ENDED;
        active.clear();
        if (openDeadline != null) openDeadline.cancel();
        List<Runnable> listeners = List.copyOf(endListeners);
        endListeners.clear();
        listeners.forEach(Runnable::run);
    }
}
