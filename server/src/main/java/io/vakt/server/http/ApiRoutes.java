package io.vakt.server.http;

import io.vakt.core.error.Fault;
import io.vakt.graphql.GraphqlEngine;
import io.vakt.graphql.schema.VaktSchema;
import io.vakt.server.auth.AuthGuard;
import io.vakt.server.auth.JsonBody;
import io.vakt.server.auth.LoginService;
import io.vakt.server.metrics.VaktMetrics;
import io.vakt.server.ws.GraphqlWebSocketEndpoint;
import io.vakt.server.ws.WebSockets;
import io.vakt.server.ws.WampWebSocketEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The routes under {@code /arrigo/api} (spec §2): login endpoints, GraphQL over HTTP and WebSocket, the WAMP
 * endpoint, the operational endpoints, and the API explorer page. Paths match case-insensitively as in the original
 * ({@code /Arrigo/api/login} works); every POST body must be {@code application/json} (else 415).
 */
public final class ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    private static final String BASE = "/arrigo/api";
    /** The explorer page only talks to this server (explorer.js uses relative URLs and ws(s) to the same host). */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; "
            + "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    /** What the routes are served by; one object so the assembly wires it in one place. */
    public record Parts(LoginService login, AuthGuard guard, GraphqlEngine engine, Executor blocking,
                        GraphqlWebSocketEndpoint webSocket, WampWebSocketEndpoint wamp, VaktMetrics metrics,
                        String scrapeToken,
                        java.util.function.Supplier<Map<String, Object>> sysinfo,
                        java.util.function.BooleanSupplier serving, String version, int maxBodyBytes,
                        io.vakt.server.diag.NetworkEdge edge,
                        io.vakt.server.fallback.FallbackTransports fallback) {}

    private final Parts parts;
    private final GraphqlHttpHandler graphql;
    private final OpsEndpoints ops;
    private final byte[] sdl;

    public ApiRoutes(Parts parts) {
        this.parts = parts;
        this.graphql = new GraphqlHttpHandler(parts.engine(), parts.guard(), parts.blocking());
        this.ops = new OpsEndpoints(parts.guard(), parts.metrics(), parts.scrapeToken(), parts.sysinfo(), parts.serving());
        this.sdl = VaktSchema.sdl().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A router for one event loop; {@code loop} runs tasks on it. */
    public Router router(Vertx vertx, Executor loop) {
        Router router = Router.router(vertx);
        // first: who the request really comes from (trusted proxies), once, for every later handler
        router.route().handler(parts.edge().proxies()::resolveInto);
        router.route().handler(this::caseInsensitiveApi);
        router.route().handler(routing -> {
            routing.response().putHeader("X-Vakt-Version", parts.version());
            routing.next();
        });
        router.post(BASE + "/*").handler(BodyHandler.create(false).setBodyLimit(parts.maxBodyBytes()));

        router.post(BASE + "/login").handler(json(false, (body, routing) -> {
            CompletionStage<HttpAnswer> answer = parts.login().login(body, ClientAddress.of(routing));
            return answer.whenComplete((ready, failure) -> parts.metrics().login(ready == null ? 500 : ready.status()));
        }));
        router.post(BASE + "/login/refresh").handler(json(false, (body, routing) ->
                parts.login().refresh(body, routing.request().getHeader("Authorization"), ClientAddress.of(routing))));
        router.post(BASE + "/login/verify").handler(json(false, (body, routing) -> parts.login().verify(body)));
        // spec §2.2: logout may carry only the AT header and an empty body
        router.post(BASE + "/logout").handler(json(true, (body, routing) ->
                parts.login().logout(body, routing.request().getHeader("Authorization"))));
        router.post(BASE + "/graphql").handler(routing -> withJsonBody(routing, false, body -> graphql.handle(routing, body)));
        router.get(BASE + "/graphql/ws").handler(routing -> parts.webSocket().handle(upgrade(routing.request(),
                routing.get(io.vakt.server.http.proxy.ForwardedRequest.ROUTING_KEY), BASE + "/graphql/ws"), loop));
        router.get(BASE + "/wamp").handler(routing -> parts.wamp().handle(upgrade(routing.request(),
                routing.get(io.vakt.server.http.proxy.ForwardedRequest.ROUTING_KEY), BASE + "/wamp")));
        router.get(BASE + "/diagnostics").handler(new io.vakt.server.diag.DiagnosticsEndpoint(parts.edge())::handle);

        router.get(BASE + "/health").handler(ops::health);
        router.get(BASE + "/sysinfo").handler(ops::sysinfo);
        router.get(BASE + "/metrics").handler(ops::metrics);
        router.get(BASE + "/schema.graphql").handler(routing -> routing.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8").end(Buffer.buffer(sdl)));

        // Vert.x matches the route "/arrigo/api" for "/arrigo/api/" too: redirect only the form without the slash,
        // so the page's relative links resolve
        router.get(BASE).handler(routing -> {
            if (routing.request().path().endsWith("/")) routing.next();
            else redirect(routing, BASE + "/");
        });
        router.get("/").handler(routing -> redirect(routing, WebRuntimeRoutes.HOME));
        router.get("/arrigo").handler(routing -> {
            if (routing.request().path().endsWith("/")) routing.next();
            else redirect(routing, WebRuntimeRoutes.HOME);
        });
        router.get(BASE + "/*").handler(routing -> {
            routing.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            routing.next();
        });
        router.get(BASE + "/*").handler(StaticHandler.create("webroot/api").setIndexPage("index.html")
                .setCachingEnabled(false).setDirectoryListing(false));

        parts.fallback().addRoutes(router, loop);
        WebRuntimeRoutes.add(router);
        router.route(BASE + "/*").last().handler(this::notFound);
        router.errorHandler(500, routing -> {
            log.error("Request {} {} failed", routing.request().method(), routing.request().path(), routing.failure());
            Responses.write(routing, HttpAnswer.error(Fault.INTERNAL));
        });
        router.errorHandler(413, routing -> Responses.write(routing, HttpAnswer.error(Fault.MESSAGE_TOO_LARGE,
                "request body exceeds " + parts.maxBodyBytes() + " bytes")));
        router.errorHandler(405, routing -> Responses.write(routing, new HttpAnswer(405, Map.of(),
                Map.of("error", "Method " + routing.request().method() + " is not allowed on " + routing.request().path()))));
        return router;
    }

    /**
     * The server's request handler: WebSocket upgrades of the GraphQL and WAMP endpoints go straight to them
     * (Vert.x Web would wrap the socket and hide its Netty context), everything else through the router.
     */
    public io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> requestHandler(Vertx vertx, Executor loop) {
        Router router = router(vertx, loop);
        return request -> {
            if (WebSockets.isUpgrade(request) && (BASE + "/graphql/ws").equalsIgnoreCase(request.path())) {
                parts.webSocket().handle(upgrade(request, parts.edge().proxies().resolve(request), BASE + "/graphql/ws"), loop);
            } else if (WebSockets.isUpgrade(request) && (BASE + "/wamp").equalsIgnoreCase(request.path())) {
                parts.wamp().handle(upgrade(request, parts.edge().proxies().resolve(request), BASE + "/wamp"));
            } else {
                router.handle(request);
            }
        };
    }

    private WebSockets.UpgradeRequest upgrade(io.vertx.core.http.HttpServerRequest request,
                                              io.vakt.server.http.proxy.ForwardedRequest forwarded, String endpoint) {
        return new WebSockets.UpgradeRequest(request, forwarded, endpoint, parts.edge().origins(), parts.edge().upgrades());
    }

    /** spec §2.1: the original matches URL paths case-insensitively ({@code /Arrigo/api}). */
    private void caseInsensitiveApi(RoutingContext routing) {
        String path = routing.request().path();
        if (path != null && path.length() >= BASE.length() && path.regionMatches(true, 0, BASE, 0, BASE.length())
                && !path.equals(path.toLowerCase(Locale.ROOT))) {
            String query = routing.request().query();
            routing.reroute(routing.request().method(),
                    path.toLowerCase(Locale.ROOT) + (query == null ? "" : "?" + query));
            return;
        }
        routing.next();
    }

    private interface JsonEndpoint {
        CompletionStage<HttpAnswer> answer(JsonBody body, RoutingContext routing);
    }

    private io.vertx.core.Handler<RoutingContext> json(boolean emptyBodyAllowed, JsonEndpoint endpoint) {
        return routing -> withJsonBody(routing, emptyBodyAllowed,
                body -> Responses.writeLater(routing, endpoint.answer(body, routing)));
    }

    private void withJsonBody(RoutingContext routing, boolean emptyBodyAllowed, java.util.function.Consumer<JsonBody> use) {
        Buffer raw = routing.body() == null ? null : routing.body().buffer();
        boolean empty = raw == null || raw.length() == 0;
        if (!isJson(routing.request().getHeader("Content-Type")) && !(empty && emptyBodyAllowed)) {
            Responses.write(routing, HttpAnswer.error(Fault.UNSUPPORTED_MEDIA_TYPE));
            return;
        }
        use.accept(empty ? new JsonBody.Empty() : JsonBody.parse(raw.getBytes()));
    }

    static boolean isJson(String contentType) {
        if (contentType == null) return false;
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /** Paths that exist, with the methods they take: a wrong method gets 405 with {@code Allow}, not 404. */
    private static final Map<String, String> METHODS = Map.ofEntries(
            Map.entry(BASE + "/login", "POST"), Map.entry(BASE + "/login/refresh", "POST"),
            Map.entry(BASE + "/login/verify", "POST"), Map.entry(BASE + "/logout", "POST"),
            Map.entry(BASE + "/graphql", "POST"), Map.entry(BASE + "/graphql/ws", "GET"), Map.entry(BASE + "/wamp", "GET"),
            Map.entry(BASE + "/health", "GET"), Map.entry(BASE + "/sysinfo", "GET"), Map.entry(BASE + "/metrics", "GET"),
            Map.entry(BASE + "/diagnostics", "GET"));

    private void notFound(RoutingContext routing) {
        HttpMethod method = routing.request().method();
        String allowed = METHODS.get(routing.request().path());
        if (allowed != null) {
            Responses.write(routing, new HttpAnswer(405, Map.of("Allow", allowed), Map.of(
                    "error", routing.request().path() + " takes " + allowed + ", not " + method,
                    "code", "METHOD_NOT_ALLOWED")));
            return;
        }
        Responses.write(routing, HttpAnswer.error(Fault.NOT_FOUND, "No API endpoint " + method + " " + routing.request().path()
                + " (see " + BASE + "/ for the list)"));
    }

    private static void redirect(RoutingContext routing, String location) {
        routing.response().setStatusCode(302).putHeader("Location", location).end();
    }

}
