package io.vakt.server.fallback;

import io.vakt.core.error.Fault;
import io.vakt.graphql.ws.SessionContext;
import io.vakt.graphql.ws.WsTransport;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.http.HttpAnswer;
import io.vakt.server.http.Responses;
import io.vakt.wamp.longpoll.LongPollTransports;
import io.vakt.wamp.router.WampRouter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The fallback transports for networks that block WebSockets (docs/fallback-transports.md): GraphQL over
 * Server-Sent Events at {@code /arrigo/api/graphql/stream} and WAMP over HTTP long-poll at
 * {@code /arrigo/api/wamp/longpoll}. Both reuse the WebSocket paths' session logic; this class owns their
 * routes, the idle sweep of long-poll transports, and shutdown.
 */
public final class FallbackTransports implements AutoCloseable {
    public static final String SSE_PATH = "/arrigo/api/graphql/stream";
    public static final String LONG_POLL_PATH = "/arrigo/api/wamp/longpoll";
    private static final Logger log = LoggerFactory.getLogger(FallbackTransports.class);

    private final Vertx vertx;
    private final boolean enabled;
    private final GraphqlSseEndpoint sse;
    private final LongPollTransports longPolls;
    private final WampLongPollEndpoint longPoll;
    private final long sweepTimer;

    /**
     * @param contexts the factory the GraphQL WebSocket endpoint builds its sessions' contexts with
     * @param router   the WAMP router the WebSocket endpoint connects to
     */
    public FallbackTransports(Vertx vertx, VaktConfig config, Function<WsTransport, SessionContext> contexts, WampRouter router) {
        this.vertx = vertx;
        VaktConfig.Fallback settings = config.fallback();
        this.enabled = settings.enabled();
        this.sse = new GraphqlSseEndpoint(vertx, contexts, settings.sessionTimeout(), config.webSocket().pingInterval(),
                config.webSocket().writeQueueHighWaterBytes());
        this.longPolls = new LongPollTransports(config.wamp().maxMessageSize(), config.webSocket().writeQueueHighWaterBytes(),
                settings.sessionTimeout().toNanos());
        this.longPoll = new WampLongPollEndpoint(vertx, router, longPolls, settings.longPollWait());
        long sweepEvery = Math.max(100, Math.min(1000, settings.sessionTimeout().toMillis() / 4));
        this.sweepTimer = enabled ? vertx.setPeriodic(sweepEvery, ignored -> {
            int closed = longPolls.sweep(System.nanoTime());
            if (closed > 0) log.debug("Closed {} WAMP long-poll transport(s) nobody polled for {}", closed, settings.sessionTimeout());
        }) : -1;
    }

    /** Adds the routes to one event loop's router; call before the {@code /arrigo/api/*} not-found handler. */
    public void addRoutes(Router router, Executor loop) {
        router.route(SSE_PATH).handler(guarded(routing -> sse.handle(routing, loop)));
        router.post(LONG_POLL_PATH + "/open").handler(guarded(longPoll::open));
        router.post(LONG_POLL_PATH + "/:transport/:action").handler(guarded(longPoll::act));
        router.route(LONG_POLL_PATH + "/*").handler(guarded(routing -> Responses.write(routing, new HttpAnswer(405,
                Map.of("Allow", "POST"), Map.of("error", "The WAMP long-poll transport takes POST (open, <id>/send,"
                        + " <id>/receive, <id>/close), not " + routing.request().method(), "code", "METHOD_NOT_ALLOWED")))));
    }

    private Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
        if (enabled) return handler;
        return routing -> Responses.write(routing, HttpAnswer.error(Fault.NOT_FOUND, "The fallback transports (GraphQL over"
                + " SSE, WAMP long-poll) are turned off on this server (fallback.enabled: false)"));
    }

    public boolean enabled() { return enabled; }

    /** Open GraphQL event-stream sessions (reserved or streaming) and WAMP long-poll transports. */
    public int openSessions() { return sse.openSessions() + longPolls.size(); }

    public int openEventStreams() { return sse.openSessions(); }

    public int openLongPollTransports() { return longPolls.size(); }

    /** The server is going away: event streams end like sockets closing with 1001. Call before stopping Vert.x. */
    public void shutdown() { sse.shutdown(); }

    @Override
    public void close() {
        if (sweepTimer >= 0) vertx.cancelTimer(sweepTimer);
        longPolls.closeAll();
    }
}
