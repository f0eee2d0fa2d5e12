package io.vakt.server.fallback;

import io.netty.buffer.Unpooled;
import io.vakt.graphql.sse.SseOutput;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * A chunked HTTP response as a graphql-sse event stream. Events are written as one buffer wrapping their parts,
 * so a payload a subscription group serialized once is never copied per client. The response's write queue is
 * the back-pressure signal, as the socket's is on the WebSocket path. A comment line every ping interval keeps
 * proxies from cutting a quiet stream.
 */
final class VertxSseOutput implements SseOutput {
    private static final byte[] KEEP_ALIVE = ":\n\n".getBytes(StandardCharsets.UTF_8);

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Executor sessionLoop;
    private final long keepAliveTimer;

    /**
     * @param http10 the request was HTTP/1.0 (nginx's default towards upstreams): no chunked encoding then; the
     *               stream is delimited by closing the connection, as HTTP/1.0 does
     */
    VertxSseOutput(Vertx vertx, HttpServerResponse response, boolean http10, Executor sessionLoop, long keepAliveMillis,
                   int highWaterBytes) {
        this.vertx = vertx;
        this.response = response;
        this.sessionLoop = sessionLoop;
        if (!http10) response.setChunked(true);
        response.setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                // nginx buffers proxied responses unless told not to; an event stream must flow at once
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(highWaterBytes);
        // a first comment sends the head at once (clients wait for it before they POST operations); writeHead()
        // would force chunked encoding even on HTTP/1.0
        response.write(BufferInternal.buffer(KEEP_ALIVE));
        this.keepAliveTimer = vertx.setPeriodic(keepAliveMillis, ignored -> {
            if (!response.ended() && !response.closed()) response.write(BufferInternal.buffer(KEEP_ALIVE));
        });
    }

    @Override
    public void write(byte[] head, byte[] body, byte[] tail) {
        if (response.ended() || response.closed()) return;
        response.write(BufferInternal.buffer(Unpooled.wrappedBuffer(head, body, tail)));
    }

    @Override
    public boolean writeQueueFull() { return response.writeQueueFull(); }

    @Override
    public void onDrain(Runnable action) {
        if (!response.writeQueueFull()) {
            sessionLoop.execute(action);
            return;
        }
        response.drainHandler(ignored -> {
            response.drainHandler(null);
            sessionLoop.execute(action);
        });
    }

    @Override
    public void end() {
        stopKeepAlive();
        if (!response.ended() && !response.closed()) response.end();
    }

    void stopKeepAlive() { vertx.cancelTimer(keepAliveTimer); }
}
