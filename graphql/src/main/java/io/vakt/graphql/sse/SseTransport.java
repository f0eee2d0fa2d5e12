package io.vakt.graphql.sse;

import io.vakt.graphql.ws.WsTransport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * An event stream as the transport of a {@code graphql-transport-ws} session: what the session would send as
 * WebSocket messages becomes graphql-sse events. Until the stream is opened (single connection mode reserves it
 * first) events wait here and the write queue counts as full, so live values are conflated by the session's
 * outbox exactly as for a slow socket. Session thread only.
 */
final class SseTransport implements WsTransport {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** What the transport reports back to its {@link SseSession}. */
    interface Events {
        void acknowledged();

        /** The operation got its last event ({@code complete} or an error). */
        void operationEnded(String id);

        /** The session closed the "socket": refusal, token expiry, violation or shutdown. */
        void closed(int code, String reason);
    }

    private final SseMode mode;
    private final Executor executor;
    private final SseSession.Timers timers;
    private final String remoteAddress;
    private final String authorization;
    private final Events events;
    private final List<byte[][]> waiting = new ArrayList<>();
    private final List<Runnable> drainActions = new ArrayList<>();
    /** Per-operation envelope prefixes of the session, mapped to the SSE heads that replace them. */
    private final Map<byte[], byte[]> heads = new IdentityHashMap<>();
    /** The prefix each operation's envelope uses, so its head is forgotten when the operation ends. */
    private final Map<String, byte[]> prefixes = new HashMap<>();
    private SseOutput output;

    SseTransport(SseMode mode, Executor executor, SseSession.Timers timers, String remoteAddress, String authorization,
                 Events events) {
        this.mode = mode;
        this.executor = executor;
        this.timers = timers;
        this.remoteAddress = remoteAddress;
        this.authorization = authorization;
        this.events = events;
    }

    /** The stream is open: what waited goes out, then the outbox may drain into it. */
    void attach(SseOutput opened) {
        output = opened;
        for (byte[][] event : waiting) output.write(event[0], event[1], event[2]);
        waiting.clear();
        List<Runnable> actions = List.copyOf(drainActions);
        drainActions.clear();
        actions.forEach(Runnable::run);
    }

    /** The stream is over: what was written stays, the response ends. */
    void endOutput() {
        SseOutput ending = output;
        detach();
        if (ending != null) ending.end();
    }

    void detach() {
        output = null;
        waiting.clear();
        drainActions.clear();
    }

    @Override
    public void sendText(String text) {
        JsonNode message;
        try {
            message = MAPPER.readTree(text);
        } catch (JacksonException impossible) {
            throw new IllegalStateException("the GraphQL session sent a message that is not JSON: " + text, impossible);
        }
        String id = message.path("id").asString(null);
        switch (message.path("type").asString("")) {
            case "connection_ack" -> events.acknowledged();
            case "next" -> emit(SseEvents.next(mode, id, MAPPER.convertValue(message.get("payload"), Object.class)));
            case "error" -> {
                emit(SseEvents.errors(mode, id, MAPPER.convertValue(message.get("payload"), Object.class)));
                emit(SseEvents.complete(mode, id));
                ended(id);
            }
            case "complete" -> {
                emit(SseEvents.complete(mode, id));
                ended(id);
            }
            default -> { } // pong: the event stream has its own keep-alive comments
        }
    }

    @Override
    public void sendShared(byte[] prefix, byte[] payload, byte[] suffix) {
        if (mode == SseMode.DISTINCT_CONNECTIONS) {
            emit(new byte[][] {SseEvents.NEXT_DATA, payload, SseEvents.END_OF_EVENT});
        } else {
            byte[] head = heads.get(prefix);
            if (head == null) head = rememberHead(prefix);
            emit(new byte[][] {head, payload, SseEvents.END_OF_ENVELOPE});
        }
    }

    /** {@code {"id":"<id>","type":"next","payload":} → {@code event: next\ndata: {"id":"<id>","payload":}. */
    private byte[] rememberHead(byte[] prefix) {
        String envelope = new String(prefix, StandardCharsets.UTF_8) + "null}";
        String id = MAPPER.readTree(envelope).path("id").asString();
        byte[] head = SseEvents.nextHead(id);
        heads.put(prefix, head);
        byte[] previous = prefixes.put(id, prefix);
        if (previous != null) heads.remove(previous);
        return head;
    }

    private void ended(String id) {
        forget(id);
        events.operationEnded(id);
    }

    /** The operation is over: its head is no longer needed. */
    void forget(String id) {
        byte[] prefix = prefixes.remove(id);
        if (prefix != null) heads.remove(prefix);
    }

    private void emit(byte[][] event) {
        if (output == null || !waiting.isEmpty()) {
            waiting.add(event);
        } else {
            output.write(event[0], event[1], event[2]);
        }
    }

    @Override
    public boolean writeQueueFull() { return output == null || !waiting.isEmpty() || output.writeQueueFull(); }

    @Override
    public void onDrain(Runnable action) {
        if (output == null) drainActions.add(action);
        else output.onDrain(action);
    }

    @Override
    public void close(int code, String reason) { events.closed(code, reason); }

    @Override
    public Executor executor() { return executor; }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) { return timers.schedule(delay, task); }

    @Override
    public String remoteAddress() { return remoteAddress; }

    @Override
    public String upgradeAuthorization() { return authorization; }
}
