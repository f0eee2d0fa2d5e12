package io.vakt.server.http;

import io.vakt.server.tls.Hsts;
import io.vakt.server.tls.ServerTls;
import io.vakt.server.tls.X509CertificateIdentity;
import io.vakt.server.ws.WampWebSocketEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

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
    private final Security security;
    private HttpServer server;

    /**
     * The HTTPS side of a listener.
     *
     * @param tls             the certificate to serve, or null for plain HTTP
     * @param hsts            Strict-Transport-Security max-age; zero for none
     * @param servedOverHttps whether the client sent a request over HTTPS: {@code HttpServerRequest::isSSL}
     *                        for Vakt's own TLS; a check of a trusted proxy's X-Forwarded-Proto can be passed
     *                        here so HSTS is also sent behind a TLS-terminating proxy
     */
    public record Security(ServerTls tls, Duration hsts, Predicate<HttpServerRequest> servedOverHttps) {
        public static Security plain() { return new Security(null, Duration.ZERO, HttpServerRequest::isSSL); }
    }

    public HttpVerticle(ApiRoutes routes, String host, int port, int maxMessageBytes, boolean compression) {
        this(routes, host, port, maxMessageBytes, compression, Security.plain());
    }

    /**
     * @param maxMessageBytes the largest WebSocket message any endpoint accepts (the larger of the GraphQL and
     *                        WAMP limits): Netty refuses bigger frames before reading them; each endpoint then
     *                        applies its own limit to whole messages
     */
    public HttpVerticle(ApiRoutes routes, String host, int port, int maxMessageBytes, boolean compression,
                        Security security) {
        this.routes = routes;
        this.host = host;
        this.port = port;
        this.maxMessageBytes = maxMessageBytes;
        this.compression = compression;
        this.security = security;
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
        ServerTls tls = security.tls();
        // taken before the options, so a reload in between at worst causes one redundant update in register()
        X509CertificateIdentity served = tls == null ? null : tls.currentIdentity();
        if (tls != null) tls.apply(options);
        Handler<HttpServerRequest> handler = Hsts.wrap(routes.requestHandler(vertx, loop), security.hsts(),
                security.servedOverHttps());
        server = vertx.createHttpServer(options).requestHandler(handler);
        return server.listen(port, host).compose(listening -> tls == null
                ? Future.succeededFuture(listening)
                : tls.register(listening, served).map(listening));
    }

    @Override
    public Future<?> stop() {
        if (security.tls() != null && server != null) security.tls().unregister(server);
        return Future.succeededFuture();
    }
}
