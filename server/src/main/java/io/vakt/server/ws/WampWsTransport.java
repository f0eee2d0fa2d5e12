package io.vakt.server.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vakt.wamp.router.WampTransport;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Vert.x server WebSocket as a WAMP router connection. The router calls it from its own thread.
 *
 * <p>Frames go straight to the socket's Netty context: writing there from another thread is safe, keeps the
 * order of the calls, and counts the bytes still queued towards the channel's writability, so
 * {@link #writeQueueFull()} sees them at once. Flushes are batched: the first frame of a burst schedules a
 * flush pass on the channel's event loop, and every frame written before it runs rides along, so a burst of
 * events reaches the client in a few system calls instead of one per message. Message bytes are wrapped, never
 * copied; an event encoded once for many subscribers is shared by all their frames.
 */
final class WampWsTransport implements WampTransport {
    /** How often a full socket is looked at again when no write completion will announce the drain. */
    private static final long DRAIN_RECHECK_MS = 20;

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final ChannelHandlerContext channel;
    private final String remoteAddress;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicLong framesWritten = new AtomicLong();
    private final Runnable flush = this::flush;
    private volatile ChannelFuture lastWrite;
    /** Frames whose write tasks are known to be queued ahead of the next flush pass; channel loop only. */
    private long framesFlushed;

    WampWsTransport(Vertx vertx, ServerWebSocket socket, String remoteAddress) {
        this.vertx = vertx;
        this.socket = socket;
        this.channel = ((WebSocketInternal) socket).channelHandlerContext();
        this.remoteAddress = remoteAddress;
    }

    @Override
    public void send(byte[] bytes, boolean binary) {
        if (!channel.channel().isActive()) return;
        WebSocketFrame frame = binary ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
        lastWrite = channel.write(frame);
        // counted after the write task is queued: a flush pass that sees the count runs after that task
        framesWritten.incrementAndGet();
        if (flushScheduled.compareAndSet(false, true)) channel.executor().execute(flush);
    }

    /**
     * One flush pass, on the channel's loop. Writing from another thread queues a write task, so a frame sent
     * while a pass is already queued may sit behind that pass. A pass that sees frames it has not covered yet
     * therefore runs once more after them; only a pass that finds nothing new clears the flag, and looks again
     * in case a frame slipped in while the flag was still set.
     */
    private void flush() {
        channel.flush();
        long written = framesWritten.get();
        if (written != framesFlushed) {
            framesFlushed = written;
            channel.executor().execute(flush);
            return;
        }
        flushScheduled.set(false);
        if (framesWritten.get() != written && flushScheduled.compareAndSet(false, true)) channel.executor().execute(flush);
    }

    @Override
    public boolean writeQueueFull() { return !channel.channel().isWritable(); }

    @Override
    public void onDrain(Runnable action) {
        ChannelFuture pending = lastWrite;
        if (pending == null || pending.isDone()) {
            channel.executor().execute(() -> whenWritable(action));
        } else {
            // the listener runs on the channel's loop once the last frame written so far has left
            pending.addListener(done -> whenWritable(action));
        }
    }

    private void whenWritable(Runnable action) {
        if (!channel.channel().isActive()) return;
        if (channel.channel().isWritable()) {
            action.run();
        } else {
            vertx.setTimer(DRAIN_RECHECK_MS, ignored -> channel.executor().execute(() -> whenWritable(action)));
        }
    }

    /**
     * Runs on the channel's loop after every frame sent before it: the loop runs tasks in order, so the
     * frames are written (and flushed here) before the close frame.
     */
    @Override
    public void close(int code, String reason) {
        channel.executor().execute(() -> {
            if (socket.isClosed()) return;
            channel.flush();
            socket.close((short) code, VertxWsTransport.truncate(reason == null ? "" : reason));
        });
    }

    @Override
    public String remoteAddress() { return remoteAddress; }
}
