package io.vakt.wamp.longpoll;

import io.vakt.wamp.router.WampConnection;
import io.vakt.wamp.router.WampTransport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One WAMP long-poll transport as a router connection. The router's messages wait in a queue until the client
 * polls; the queue counts as full above {@code highWaterBytes}, so the router's own slow-session policy (events
 * dropped, too many results end the session) applies exactly as for a slow WebSocket. The router calls it from
 * its thread, HTTP requests from event loops: state is guarded by this object's lock, and nothing that could
 * block or call back into foreign code runs while it is held (except handing frames to the connection, whose
 * {@code onFrame} only decodes and queues, so messages of concurrent {@code send}s keep one order).
 *
 * <p>States: open → router closed (what is queued can still be received; then receives answer "gone") →
 * released (client closed it, or it sat idle past the session timeout).
 */
public final class LongPollTransport implements WampTransport {
    /** What a {@code receive} gets. */
    public sealed interface Reply {
        /** The body to answer 200 with: one message, or a batch. */
        record Messages(byte[] body) implements Reply {}

        /** Nothing arrived in time (or a newer receive took over): answer 204 and let the client poll again. */
        record Empty() implements Reply {}

        /** The router closed the session and everything queued was received: answer 404. */
        record Gone() implements Reply {}
    }

    /** What a {@code send} did. */
    public sealed interface SendResult {
        record Accepted(int messages) implements SendResult {}

        /** A message over the limit: the session is ended as the WebSocket path ends it (1009). */
        record TooLarge(long bytes, int limit) implements SendResult {}

        record Gone() implements SendResult {}
    }

    private enum State { OPEN, ROUTER_CLOSED, RELEASED }

    private final String id;
    private final LongPollProtocol protocol;
    private final String remoteAddress;
    private final int maxMessageBytes;
    private final long highWaterBytes;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<Runnable> drainActions = new ArrayList<>();
    private WampConnection connection;
    private State state = State.OPEN;
    private long queuedBytes;
    private Consumer<Reply> waiting;
    private long lastPollNanos;
    private String closeReason;

    LongPollTransport(String id, LongPollProtocol protocol, String remoteAddress, int maxMessageBytes,
                      long highWaterBytes, long nowNanos) {
        this.id = id;
        this.protocol = protocol;
        this.remoteAddress = remoteAddress;
        this.maxMessageBytes = maxMessageBytes;
        this.highWaterBytes = highWaterBytes;
        this.lastPollNanos = nowNanos;
    }

    synchronized void connect(WampConnection opened) { this.connection = opened; }

    public String id() { return id; }

    public LongPollProtocol protocol() { return protocol; }

    // ---- the router's side -----------------------------------------------------------------------------

    @Override
    public void send(byte[] bytes, boolean binary) {
        Consumer<Reply> receiver;
        Reply reply;
        synchronized (this) {
            if (state == State.RELEASED) return;
            queue.add(bytes);
            queuedBytes += bytes.length;
            if (waiting == null) return;
            receiver = waiting;
            waiting = null;
            reply = take();
        }
        receiver.accept(reply);
        runDrainActionsIfRoom();
    }

    @Override
    public synchronized boolean writeQueueFull() { return queuedBytes >= highWaterBytes; }

    @Override
    public void onDrain(Runnable action) {
        synchronized (this) {
            if (state == State.RELEASED) return;
            if (queuedBytes >= highWaterBytes) {
                drainActions.add(action);
                return;
            }
        }
        action.run();
    }

    /** The router ended the session (after GOODBYE or ABORT): what is queued can still be received. */
    @Override
    public void close(int code, String reason) {
        Consumer<Reply> receiver = null;
        WampConnection ended;
        synchronized (this) {
            if (state != State.OPEN) return;
            state = State.ROUTER_CLOSED;
            closeReason = code + " " + reason;
            ended = connection;
            if (queue.isEmpty() && waiting != null) {
                receiver = waiting;
                waiting = null;
            }
        }
        if (receiver != null) receiver.accept(new Reply.Gone());
        // as a WebSocket's close handler would: the router learns the transport is closed
        if (ended != null) ended.onClosed();
    }

    @Override
    public String remoteAddress() { return remoteAddress; }

    // ---- the client's side (HTTP requests) -------------------------------------------------------------

    /** A {@code send} body: one message, or a batch. */
    public SendResult accept(byte[] body) {
        synchronized (this) {
            if (state != State.OPEN || connection == null) return new SendResult.Gone();
            List<byte[]> messages = protocol.split(body);
            for (byte[] message : messages) {
                if (message.length > maxMessageBytes) {
                    connection.onTooLarge(message.length);
                    return new SendResult.TooLarge(message.length, maxMessageBytes);
                }
            }
            for (byte[] message : messages) connection.onFrame(message);
            return new SendResult.Accepted(messages.size());
        }
    }

    /**
     * A {@code receive}: answered at once when something is queued (or the session is gone), else parked until a
     * message arrives or {@link #expire} is called for it. A parked older receive is answered empty.
     */
    public void receive(Consumer<Reply> receiver, long nowNanos) {
        Consumer<Reply> replaced;
        Reply reply = null;
        synchronized (this) {
            lastPollNanos = nowNanos;
            replaced = waiting;
            waiting = null;
            if (!queue.isEmpty()) {
                reply = take();
            } else if (state != State.OPEN) {
                reply = new Reply.Gone();
            } else {
                waiting = receiver;
            }
        }
        if (replaced != null) replaced.accept(new Reply.Empty());
        if (reply != null) {
            receiver.accept(reply);
            runDrainActionsIfRoom();
        }
    }

    /** The long-poll wait of {@code receiver} is over: answer it empty if it is still parked. */
    public void expire(Consumer<Reply> receiver, long nowNanos) {
        synchronized (this) {
            if (waiting != receiver) return;
            waiting = null;
            lastPollNanos = nowNanos;
        }
        receiver.accept(new Reply.Empty());
    }

    /** True when no receive is parked and none came for {@code timeoutNanos}: the client has gone. */
    public synchronized boolean idle(long nowNanos, long timeoutNanos) {
        return waiting == null && nowNanos - lastPollNanos >= timeoutNanos;
    }

    /**
     * The client closed the transport, or it sat idle: the session leaves its realm, a parked receive is
     * answered empty, and nothing more is queued. Idempotent.
     */
    public void release() {
        Consumer<Reply> receiver;
        WampConnection ended;
        synchronized (this) {
            if (state == State.RELEASED) return;
            ended = state == State.OPEN ? connection : null;
            state = State.RELEASED;
            receiver = waiting;
            waiting = null;
            queue.clear();
            queuedBytes = 0;
            drainActions.clear();
        }
        if (receiver != null) receiver.accept(new Reply.Empty());
        if (ended != null) ended.onClosed();
    }

    /** Why the router closed it, or null while open. */
    public synchronized String closeReason() { return closeReason; }

    public synchronized int queued() { return queue.size(); }

    /** Lock held: the next reply body, one message or (batched) everything queued. */
    private Reply take() {
        List<byte[]> taken = new ArrayList<>();
        if (protocol.batched()) {
            taken.addAll(queue);
            queue.clear();
        } else {
            taken.add(queue.poll());
        }
        for (byte[] message : taken) queuedBytes -= message.length;
        return new Reply.Messages(protocol.join(taken));
    }

    private void runDrainActionsIfRoom() {
        List<Runnable> actions;
        synchronized (this) {
            if (drainActions.isEmpty() || queuedBytes >= highWaterBytes) return;
            actions = List.copyOf(drainActions);
            drainActions.clear();
        }
        actions.forEach(Runnable::run);
    }
}
