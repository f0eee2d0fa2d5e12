package io.vakt.graphql.ws;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Live values on their way to one connection. While the socket keeps up, a value is written at once; when
 * its write queue is full, the newest value per (operation, element) is kept and older ones are replaced,
 * so a slow client costs memory bounded by what it watches, never by time (latest value wins). Used on the
 * connection's thread only.
 */
final class Outbox {
    private final WsTransport transport;
    private final WsStats stats;
    private final LinkedHashMap<Long, Frame> pending = new LinkedHashMap<>();
    private boolean drainArmed;

    Outbox(WsTransport transport, WsStats stats) {
        this.transport = transport;
        this.stats = stats;
    }

    static long key(long operation, int element) { return (operation << 24) | element; }

    void offer(long key, byte[] prefix, byte[] payload) {
        if (pending.isEmpty() && !transport.writeQueueFull()) {
            send(new Frame(prefix, payload));
            return;
        }
        if (pending.put(key, new Frame(prefix, payload)) != null) stats.conflated.increment();
        armDrain();
    }

    /** Forgets the values still waiting for an operation that has ended. */
    void drop(long operation) {
        pending.keySet().removeIf(key -> key >>> 24 == operation);
    }

    private void armDrain() {
        if (drainArmed) return;
        drainArmed = true;
        transport.onDrain(this::drain);
    }

    private void drain() {
        drainArmed = false;
        Iterator<Map.Entry<Long, Frame>> waiting = pending.entrySet().iterator();
        while (waiting.hasNext() && !transport.writeQueueFull()) {
            Frame frame = waiting.next().getValue();
            waiting.remove();
            send(frame);
        }
        if (!pending.isEmpty()) armDrain();
    }

    private void send(Frame frame) {
        stats.framesOut.increment();
        transport.sendShared(frame.prefix, frame.payload, MessageCodec.ENVELOPE_SUFFIX);
    }

    void clear() { pending.clear(); }

    private record Frame(byte[] prefix, byte[] payload) {}
}
