package io.vakt.wamp.testing;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.WampTransport;
import io.vakt.wamp.serializer.Serializer;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WampTransport} without a socket: records every frame and the close, decodes frames with a
 * serializer for assertions, and lets the test fill and drain its write queue. Thread-safe, so it also serves
 * tests with real threads.
 */
public final class InMemoryTransport implements WampTransport {
    /** One frame as the router handed it over. */
    public record Frame(byte[] bytes, boolean binary) {}

    private final Serializer decoder;
    private final String remoteAddress;
    private final List<Frame> frames = new ArrayList<>();
    private boolean full;
    /** Frames the transport takes before it reports full again; negative = no such limit. */
    private int fullAfter = -1;
    private Runnable drainAction;
    private Integer closeCode;
    private String closeReason;

    /** @param decoder decodes recorded frames for {@link #messages()} (the serializer the session speaks) */
    public InMemoryTransport(Serializer decoder) { this(decoder, "192.0.2.10:50123"); }

    public InMemoryTransport(Serializer decoder, String remoteAddress) {
        this.decoder = decoder;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public synchronized void send(byte[] bytes, boolean binary) {
        if (closeCode != null) throw new AssertionError("frame sent after close " + closeCode);
        frames.add(new Frame(bytes, binary));
        if (fullAfter > 0 && --fullAfter == 0) {
            full = true;
            fullAfter = -1;
        }
    }

    @Override
    public synchronized boolean writeQueueFull() { return full; }

    @Override
    public void onDrain(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = !full;
            if (!runNow) drainAction = action;
        }
        if (runNow) action.run();
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeCode != null) throw new AssertionError("closed twice: " + closeCode + " then " + code);
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public String remoteAddress() { return remoteAddress; }

    // ---- test controls

    /** Makes the write queue report full (or not) from now on. */
    public synchronized void setFull(boolean full) { this.full = full; }

    /** The socket drained: the queue is no longer full and the registered drain action runs. */
    public void drain() {
        Runnable action;
        synchronized (this) {
            full = false;
            action = drainAction;
            drainAction = null;
        }
        if (action != null) action.run();
    }

    /** After {@code frames} more frames the write queue reports full again (a socket that drains only a little). */
    public synchronized void fullAfter(int frames) { this.fullAfter = frames; }

    public synchronized boolean drainRequested() { return drainAction != null; }

    public synchronized List<Frame> frames() { return List.copyOf(frames); }

    /** Every frame decoded, in order. */
    public List<WampMessage> messages() {
        List<WampMessage> decoded = new ArrayList<>();
        for (Frame frame : frames()) decoded.add(decoder.decode(frame.bytes()));
        return decoded;
    }

    public <T extends WampMessage> List<T> messages(Class<T> type) {
        return messages().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The last frame decoded, asserting its type. */
    public <T extends WampMessage> T last(Class<T> type) {
        List<WampMessage> all = messages();
        if (all.isEmpty()) throw new AssertionError("nothing was sent");
        WampMessage last = all.get(all.size() - 1);
        if (!type.isInstance(last)) throw new AssertionError("expected " + type.getSimpleName() + " but the last message was " + last);
        return type.cast(last);
    }

    public synchronized void clear() { frames.clear(); }

    public synchronized boolean isClosed() { return closeCode != null; }

    public synchronized Integer closeCode() { return closeCode; }

    public synchronized String closeReason() { return closeReason; }
}
