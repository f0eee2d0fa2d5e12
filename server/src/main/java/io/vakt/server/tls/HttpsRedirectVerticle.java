package io.vakt.server.tls;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The plain-HTTP listener on {@code tls.redirectPort}: every request is sent to the same path on HTTPS (301 for
 * GET and HEAD, 308 for the rest so a POST stays a POST with its body), except {@code /arrigo/api/health}, which
 * answers here too so load balancers can keep checking over plain HTTP.
 */
public final class HttpsRedirectVerticle extends VerticleBase {
    static final String HEALTH_PATH = "/arrigo/api/health";
    /** A host name or IPv4 address, or a bracketed IPv6 address: nothing else may go into a Location header. */
    private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private final String host;
    private final int port;
    private final int httpsPort;
    private final String configuredHostName;
    private final Function<Executor, Handler<HttpServerRequest>> healthHandler;
    private HttpServer server;

    /**
     * @param configuredHostName {@code tls.hostName}, or null to use the request's Host
     * @param healthHandler      makes the handler that answers the health path (the API's own), given this
     *                           verticle's loop executor
     */
    public HttpsRedirectVerticle(String host, int port, int httpsPort, String configuredHostName,
                                 Function<Executor, Handler<HttpServerRequest>> healthHandler) {
        this.host = host;
        this.port = port;
        this.httpsPort = httpsPort;
        this.configuredHostName = configuredHostName;
        this.healthHandler = healthHandler;
    }

    @Override
    public Future<?> start() {
        Executor loop = task -> context.runOnContext(ignored -> task.run());
        Handler<HttpServerRequest> health = healthHandler.apply(loop);
        server = vertx.createHttpServer(new HttpServerOptions());
        return server.requestHandler(request -> {
            if (HEALTH_PATH.equalsIgnoreCase(request.path())) {
                health.handle(request);
            } else {
                redirect(request);
            }
        }).listen(port, host);
    }

    public int actualPort() { return server == null ? 0 : server.actualPort(); }

    private void redirect(HttpServerRequest request) {
        String target = httpsHost(request);
        if (target == null) {
            request.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("This port only redirects to HTTPS, and the request has no usable Host header to redirect to."
                            + " Use https:// directly, or ask the operator to set tls.hostName.\n");
            return;
        }
        String location = "https://" + target + (httpsPort == 443 ? "" : ":" + httpsPort) + request.uri();
        int status = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD ? 301 : 308;
        request.response().setStatusCode(status).putHeader("Location", location)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(request.method() == HttpMethod.HEAD ? "" : "Vakt serves HTTPS only: " + location + "\n");
    }

    /** {@code tls.hostName} if set, else the Host header without its port; null when neither is usable. */
    String httpsHost(HttpServerRequest request) {
        if (configuredHostName != null && !configuredHostName.isBlank()) return bracketed(configuredHostName.trim());
        String header = request.getHeader("Host");
        if (header == null || header.isBlank()) return null;
        String hostOnly = withoutPort(header.trim());
        return SAFE_HOST.matcher(hostOnly).matches() ? hostOnly.toLowerCase(Locale.ROOT) : null;
    }

    static String withoutPort(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.indexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
