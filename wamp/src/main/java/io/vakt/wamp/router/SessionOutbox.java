package io.vakt.wamp.router;

import java.util.ArrayDeque;

/**
 * The outbound queue of one remote session, and the slow-session policy.
 *
 * <p><b>Slow-session policy.</b> While the transport reports {@link WampTransport#writeQueueFull()}, the
 * session's messages are held here instead of sent, in order. Two kinds are held apart:
 * <ul>
 *   <li>EVENTs, up to {@code maxQueuedEvents}; further events are dropped and counted in
 *       {@link WampStats#eventsDropped}. An event is a notification a client can live without (a live value
 *       is re-published on its next change), so a slow subscriber loses events rather than growing memory.</li>
 *   <li>messages that must not be lost (replies, RESULT, INVOCATION, ERROR, GOODBYE), up to
 *       {@code maxQueuedMessages}. One more closes the session with WebSocket close code 1008
 *       ("too slow to receive results") and counts it in {@link WampStats#slowSessionsClosed}: a caller
 *       that silently missed its RESULT would wait forever, so the router ends the session instead and the
 *       client reconnects.</li>
 * </ul>
 * When the transport drains ({@link WampTransport#onDrain}), the queue is flushed on the router thread, oldest
 * first, while the transport takes more. A message sent while anything is queued goes behind the queue, so
 * the order of everything a session receives is kept. Memory per session is bounded by the two limits.
 *
 * <p>Router thread only.
 */
final class SessionOutbox {
    private record Entry(byte[] bytes, boolean event) {}

    private final WampTransport transport;
    private final boolean binary;
    private final WampConfig config;
    private final WampStats stats;
    private final WampScheduler scheduler;
    private final Runnable tooSlow;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private int queuedEvents;
    private int queuedMessages;
    private boolean drainRequested;
    private boolean closed;

    /**
     * @param tooSlow run once when a message that must not be lost finds the queue full; the outbox is closed
     *                by then and the owner ends the session
     */
    SessionOutbox(WampTransport transport, boolean binary, WampConfig config, WampStats stats, WampScheduler scheduler,
                  Runnable tooSlow) {
        this.transport = transport;
        this.binary = binary;
        this.config = config;
        this.stats = stats;
        this.scheduler = scheduler;
        this.tooSlow = tooSlow;
    }

    /** A message that must not be lost. */
    void send(byte[] bytes) { offer(bytes, false); }

    /** An EVENT: dropped and counted when too many are waiting. */
    void sendEvent(byte[] bytes) { offer(bytes, true); }

    /** Messages held because the transport was full. */
    int queued() { return queue.size(); }

    /**
     * Hands everything queued to the transport regardless of its fill level and takes no more: the session is
     * about to close the transport, and the last messages (ABORT, GOODBYE) must go out before the close frame.
     * The queue is bounded by the limits, so this cannot grow the transport without bound.
     */
    void flushAllAndClose() {
        if (closed) return;
        closed = true;
        Entry entry;
        while ((entry = queue.poll()) != null) transport.send(entry.bytes(), binary);
        queuedEvents = 0;
        queuedMessages = 0;
    }

    /** Forgets everything queued and takes no more (the session is closed for being too slow or gone). */
    void discard() {
        closed = true;
        queue.clear();
        queuedEvents = 0;
        queuedMessages = 0;
    }

    private void offer(byte[] bytes, boolean event) {
        if (closed) return;
        if (!queue.isEmpty()) flush();
        if (queue.isEmpty() && !transport.writeQueueFull()) {
            transport.send(bytes, binary);
            return;
        }
        if (event) {
            if (queuedEvents >= config.maxQueuedEvents()) {
                stats.eventsDropped.increment();
                return;
            }
            queuedEvents++;
        } else {
            if (queuedMessages >= config.maxQueuedMessages()) {
                discard();
                tooSlow.run();
                return;
            }
            queuedMessages++;
        }
        queue.add(new Entry(bytes, event));
        requestDrain();
    }

    private void flush() {
        while (!queue.isEmpty() && !transport.writeQueueFull()) {
            Entry entry = queue.poll();
            if (entry.event()) queuedEvents--;
            else queuedMessages--;
            transport.send(entry.bytes(), binary);
        }
        if (!queue.isEmpty()) requestDrain();
    }

    private void requestDrain() {
        if (drainRequested || closed) return;
        drainRequested = true;
        // The transport calls back on its I/O thread; the queue belongs to the router thread.
        transport.onDrain(() -> scheduler.execute(this::drained));
    }

    private void drained() {
        drainRequested = false;
        if (!closed) flush();
    }
}
