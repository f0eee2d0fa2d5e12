package io.vakt.server.ws;

import io.vakt.server.auth.LogText;
import io.vakt.server.diag.UpgradeAttempt;
import io.vakt.server.diag.UpgradeLog;
import io.vakt.server.diag.UpgradeOutcome;
import io.vakt.server.http.proxy.ForwardedRequest;
import io.vakt.server.http.proxy.OriginPolicy;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both WebSocket endpoints do the same way around their protocols: upgrade checks, keep-alive, shutdown. */
public final class WebSockets {
    private static final Logger log = LoggerFactory.getLogger(WebSockets.class);
    private static final java.util.Map<String, Long> UNVERIFIED_WARNED = new java.util.concurrent.ConcurrentHashMap<>();

    private WebSockets() {}

    /**
     * One request to a WebSocket endpoint, with what the server resolved about it: the real client (through
     * trusted proxies), the origin rule, and the upgrade log every attempt is recorded in once it has an outcome.
     *
     * @param endpoint the endpoint's path, e.g. {@code /arrigo/api/wamp}
     */
    public record UpgradeRequest(HttpServerRequest request, ForwardedRequest forwarded, String endpoint,
                                 OriginPolicy origins, UpgradeLog upgrades) {
        public String clientAddress() { return forwarded.clientAddress(); }

        /**
         * Applies the same-origin rule; a refused request is answered 403 (before any upgrade, so a hijacking page
         * gets no socket), logged at INFO and recorded.
         *
         * @param what the endpoint as the answer names it, e.g. "the WAMP endpoint"
         * @return whether the upgrade may go on
         */
        public boolean originAdmitted(String what) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            OriginPolicy.Verdict verdict = origins.check(origin, forwarded);
            if (verdict instanceof OriginPolicy.Verdict.Allowed allowed) {
                if (allowed.reason().equals(OriginPolicy.UNVERIFIED_BEHIND_PROXY)) warnUnverifiedOrigin(forwarded);
                return true;
            }
            OriginPolicy.Verdict.Refused refused = (OriginPolicy.Verdict.Refused) verdict;
            String expected = refused.expected() == null ? "(none: the request named no Host)" : refused.expected();
            log.info("Cross-origin WebSocket upgrade to {} from {} refused: Origin {} is not this server's origin {} nor in"
                    + " webSocket.allowedOrigins", endpoint, LogText.quoted(clientAddress()), LogText.quoted(origin), expected);
            record(UpgradeOutcome.CROSS_ORIGIN_REFUSED);
            refusal(request, 403)
                    .end("Cross-origin WebSocket upgrade refused: a page from origin '" + origin + "' may not open " + what
                            + ". This server expected origin " + expected + " (scheme, host and port as the browser used them,"
                            + " through trusted proxies). If pages from '" + origin + "' should connect, add that origin to"
                            + " webSocket.allowedOrigins (VAKT_WEB_SOCKET_ALLOWED_ORIGINS); if a reverse proxy changes the"
                            + " host or scheme, list it in proxy.trusted and let it send X-Forwarded-Proto and"
                            + " X-Forwarded-Host (or Forwarded).\n");
            return false;
        }

        /** Once per proxy address and ten minutes: the proxy hides the browser's host, so origins go unchecked. */
        private static void warnUnverifiedOrigin(ForwardedRequest forwarded) {
            long now = System.nanoTime();
            Long last = UNVERIFIED_WARNED.get(forwarded.peer());
            if (last != null && now - last < TimeUnit.MINUTES.toNanos(10)) return;
            if (UNVERIFIED_WARNED.size() > 1000) UNVERIFIED_WARNED.clear();
            UNVERIFIED_WARNED.put(forwarded.peer(), now);
            log.warn("The reverse proxy at {} passes Vakt's own address as Host ({}) and no X-Forwarded-Host, so the"
                    + " Origin of WebSocket upgrades cannot be checked (they are let through). Let the proxy send the"
                    + " browser's host: nginx 'proxy_set_header Host $host;' and 'proxy_set_header X-Forwarded-Proto"
                    + " $scheme;' (docs/deploy/)", forwarded.peer(), forwarded.host());
        }

        /** Records the attempt's outcome in the upgrade log (once per request, never per frame). */
        public void record(UpgradeOutcome outcome) {
            upgrades.record(new UpgradeAttempt(upgrades.clock().instant(), clientAddress(), endpoint, isUpgrade(request),
                    request.getHeader(HttpHeaders.CONNECTION), request.getHeader(HttpHeaders.ORIGIN),
                    offeredSubprotocols(request), outcome));
        }
    }

    /**
     * The start of a plain-text answer refusing an upgrade. It carries {@code X-Vakt-Version} like every routed answer,
     * so a client (e.g. {@code vakt doctor}) can tell Vakt's own refusal from a proxy's.
     */
    static io.vertx.core.http.HttpServerResponse refusal(HttpServerRequest request, int status) {
        return request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Vakt-Version", io.vakt.server.Versions.vakt());
    }

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
        refusal(request, 426)
                .putHeader(HttpHeaders.UPGRADE, "websocket")
                .putHeader(HttpHeaders.CONNECTION, "Upgrade")
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
