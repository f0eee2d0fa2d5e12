package io.vakt.server.ws;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What both WebSocket endpoints do the same way around their protocols: upgrade checks, keep-alive, shutdown. */
public final class WebSockets {
    private WebSockets() {}

    /** Whether the request asks to upgrade to a WebSocket. */
    public static boolean isUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    /** The subprotocols a client offers, in its order of preference. */
    static List<String> offeredSubprotocols(HttpServerRequest request) {
        String header = request.getHeader("Sec-WebSocket-Protocol");
        if (header == null || header.isBlank()) return List.of();
        return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Answers a plain request to a WebSocket endpoint with 426 and a text saying what it needs: this is what a
     * client sees when a reverse proxy dropped the Upgrade headers (the seed's "yellow boxes").
     *
     * @param endpoint     what the endpoint is, e.g. "the WAMP endpoint"
     * @param subprotocols the subprotocols it speaks, as the text should name them
     */
    static void answerUpgradeRequired(HttpServerRequest request, String endpoint, String subprotocols) {
        request.response().setStatusCode(426)
                .putHeader(HttpHeaders.UPGRADE, "websocket")
                .putHeader(HttpHeaders.CONNECTION, "Upgrade")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end("This is " + endpoint + ": it needs a WebSocket upgrade (Upgrade: websocket,"
                        + " Connection: Upgrade), subprotocol " + subprotocols + ".\n"
                        + "If a client got this answer through a reverse proxy, the proxy dropped the Upgrade"
                        + " headers: see the proxy guides in Vakt's docs.\n");
    }

    /**
     * Sends a WebSocket ping every {@code interval} while the socket is open, so proxies with idle timeouts never
     * cut a quiet session (spec §6, §15 item 5). Returns what stops the pings; call it when the socket closes.
     */
    static Runnable keepAlive(Vertx vertx, ServerWebSocket socket, Duration interval) {
        long timer = vertx.setPeriodic(interval.toMillis(), ignored -> {
            if (!socket.isClosed()) socket.writePing(Buffer.buffer("vakt"));
        });
        return () -> vertx.cancelTimer(timer);
    }

    /** Waits up to {@code grace} for {@code open} (a concurrent collection of sessions or sockets) to empty. */
    static void awaitEmpty(Collection<?> open, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
