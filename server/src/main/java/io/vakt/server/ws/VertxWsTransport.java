package io.vakt.server.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vakt.graphql.ws.WsTransport;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A Vert.x server WebSocket as the GraphQL sessions' transport.
 *
 * <p>Text frames go straight to the socket's Netty pipeline. Live values are written without a flush, and one
 * flush per connection runs after the current event-loop task: the updates of a controller tick reach a
 * client in one system call instead of one per variable (Vert.x's public API flushes every frame written on the
 * loop). Shared payloads travel in a composite buffer of envelope and payload, so the bytes a subscription
 * group serialized once are never copied per connection. Protocol messages (acks, errors, completes) are
 * flushed at once. Every text frame of a session is written from its event loop through this one context, so
 * their order is kept.
 */
final class VertxWsTransport implements WsTransport {
    /** How often a full socket is looked at again when no write completion will announce the drain. */
    private static final long DRAIN_RECHECK_MS = 20;

    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final ChannelHandlerContext channel;
    private final Executor loop;
    private final String remoteAddress;
    private final String upgradeAuthorization;
    private ChannelFuture lastWrite;
    private boolean flushScheduled;

    VertxWsTransport(Vertx vertx, ServerWebSocket socket, Executor loop, String remoteAddress, String upgradeAuthorization) {
        this.vertx = vertx;
        this.socket = socket;
        this.channel = ((WebSocketInternal) socket).channelHandlerContext();
        this.loop = loop;
        this.remoteAddress = remoteAddress;
        this.upgradeAuthorization = upgradeAuthorization;
    }

    @Override
    public void sendText(String text) {
        if (!open()) return;
        lastWrite = channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    @Override
    public void sendShared(byte[] prefix, byte[] payload, byte[] suffix) {
        if (!open()) return;
        lastWrite = channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(prefix, payload, suffix)));
        if (!flushScheduled) {
            flushScheduled = true;
            channel.executor().execute(() -> {
                flushScheduled = false;
                channel.flush();
            });
        }
    }

    private boolean open() { return !socket.isClosed() && channel.channel().isActive(); }

    @Override
    public boolean writeQueueFull() { return !channel.channel().isWritable(); }

    @Override
    public void onDrain(Runnable action) {
        ChannelFuture pending = lastWrite;
        Runnable check = () -> {
            if (!open()) return;
            if (channel.channel().isWritable()) action.run();
            else vertx.setTimer(DRAIN_RECHECK_MS, ignored -> loop.execute(() -> onDrain(action)));
        };
        if (pending == null || pending.isDone()) {
            loop.execute(check);
        } else {
            pending.addListener(done -> loop.execute(check));
        }
    }

    @Override
    public void close(int code, String reason) {
        if (socket.isClosed()) return;
        if (flushScheduled) channel.flush();
        socket.close((short) code, truncate(reason));
    }

    /** Close reasons are limited to 123 bytes of UTF-8 (RFC 6455 §5.5). */
    static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) return reason;
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > 120) cut = cut.substring(0, cut.length() - 1);
        return cut + "…";
    }

    @Override
    public Executor executor() { return loop; }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> task.run());
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public String remoteAddress() { return remoteAddress; }

    @Override
    public String upgradeAuthorization() { return upgradeAuthorization; }
}
