package io.vakt.server.ws;

import io.netty.buffer.Unpooled;
import io.vakt.graphql.ws.WsTransport;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A Vert.x server WebSocket as the GraphQL sessions' transport. Shared payloads are written as one text frame
 * over a composite buffer of envelope and payload, so the bytes a subscription group serialized once are never
 * copied per connection.
 */
final class VertxWsTransport implements WsTransport {
    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final Executor loop;
    private final String remoteAddress;
    private final String upgradeAuthorization;

    VertxWsTransport(Vertx vertx, ServerWebSocket socket, Executor loop, String remoteAddress, String upgradeAuthorization) {
        this.vertx = vertx;
        this.socket = socket;
        this.loop = loop;
        this.remoteAddress = remoteAddress;
        this.upgradeAuthorization = upgradeAuthorization;
    }

    @Override
    public void sendText(String text) {
        if (!socket.isClosed()) socket.writeFinalTextFrame(text);
    }

    @Override
    public void sendShared(byte[] prefix, byte[] payload, byte[] suffix) {
        if (socket.isClosed()) return;
        // WebSocketFrameImpl is Vert.x-internal, but the public API only builds text frames from Strings,
        // which would re-encode the shared payload for every connection (STACK.md pitfall 5)
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(prefix, payload, suffix), true));
    }

    @Override
    public boolean writeQueueFull() { return socket.writeQueueFull(); }

    @Override
    public void onDrain(Runnable action) {
        socket.drainHandler(ignored -> {
            socket.drainHandler(null);
            action.run();
        });
    }

    @Override
    public void close(int code, String reason) {
        if (socket.isClosed()) return;
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
