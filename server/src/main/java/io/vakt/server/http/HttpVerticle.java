package io.vakt.server.http;

import io.vakt.server.ws.WampWebSocketEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.Executor;

/**
 * One event loop's HTTP server. The assembly deploys one instance per event loop on the same port, so Vert.x
 * spreads connections over the loops, and every connection of an instance shares the instance's loop
 * executor: subscription groups then hand each update to a loop in one task, whatever the number of its
 * connections.
 */
public final class HttpVerticle extends VerticleBase {
    private final ApiRoutes routes;
    private final String host;
    private final int port;
    private final int maxMessageBytes;
    private final boolean compression;

    /**
     * @param maxMessageBytes the largest WebSocket message any endpoint accepts (the larger of the GraphQL and
     *                        WAMP limits): Netty refuses bigger frames before reading them; each endpoint then
     *                        applies its own limit to whole messages
     */
    public HttpVerticle(ApiRoutes routes, String host, int port, int maxMessageBytes, boolean compression) {
        this.routes = routes;
        this.host = host;
        this.port = port;
        this.maxMessageBytes = maxMessageBytes;
        this.compression = compression;
    }

    @Override
    public Future<?> start() {
        Executor loop = task -> context.runOnContext(ignored -> task.run());
        HttpServerOptions options = new HttpServerOptions()
                .setWebSocketSubProtocols(WampWebSocketEndpoint.SERVER_SUBPROTOCOLS)
                .setMaxWebSocketFrameSize(maxMessageBytes)
                .setMaxWebSocketMessageSize(maxMessageBytes)
                // per-socket compression defeats shared-buffer fan-out (STACK.md pitfall 4): off unless asked
                .setPerMessageWebSocketCompressionSupported(compression)
                .setPerFrameWebSocketCompressionSupported(compression)
                .setCompressionSupported(true);
        return vertx.createHttpServer(options).requestHandler(routes.requestHandler(vertx, loop)).listen(port, host);
    }
}
