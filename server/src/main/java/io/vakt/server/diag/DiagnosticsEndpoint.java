package io.vakt.server.diag;

import io.vakt.server.http.HttpAnswer;
import io.vakt.server.http.Responses;
import io.vakt.server.http.proxy.ForwardedRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import javax.net.ssl.SSLSession;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /arrigo/api/diagnostics}: what the server saw of the caller's own request — the client address chain,
 * the forwarding headers, whether the upgrade headers arrived, TLS as Vakt's listener negotiated it, and the
 * caller's recent WebSocket attempts. No token: it tells callers only about themselves, and it must work exactly
 * when signing in does not. {@code no-store}, because the answer describes one request.
 */
public final class DiagnosticsEndpoint {
    public static final String PATH = "/arrigo/api/diagnostics";
    public static final String GRAPHQL_SSE = "/arrigo/api/graphql/stream";
    public static final String WAMP_LONG_POLL = "/arrigo/api/wamp/longpoll";

    private final NetworkEdge edge;

    public DiagnosticsEndpoint(NetworkEdge edge) {
        this.edge = edge;
    }

    public void handle(RoutingContext routing) {
        ForwardedRequest forwarded = routing.get(ForwardedRequest.ROUTING_KEY);
        if (forwarded == null) forwarded = edge.proxies().resolve(routing.request());
        Responses.write(routing, HttpAnswer.ok(describe(routing.request(), forwarded)));
    }

    Map<String, Object> describe(HttpServerRequest request, ForwardedRequest forwarded) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("server", server());
        body.put("client", client(forwarded));
        body.put("request", request(request, forwarded));
        body.put("recentUpgrades", edge.upgrades().recent(forwarded.clientAddress()).stream().map(DiagnosticsEndpoint::attempt).toList());
        return body;
    }

    private Map<String, Object> server() {
        Map<String, Object> fallback = new LinkedHashMap<>();
        fallback.put("enabled", edge.server().fallbackEnabled());
        fallback.put("graphqlSse", GRAPHQL_SSE);
        fallback.put("wampLongPoll", WAMP_LONG_POLL);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("version", edge.server().version());
        server.put("time", edge.upgrades().clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
        server.put("webSocketPingSeconds", edge.server().webSocketPing().toSeconds());
        server.put("fallback", fallback);
        server.put("allowedOrigins", edge.origins().allowedOrigins());
        return server;
    }

    private static Map<String, Object> client(ForwardedRequest forwarded) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("address", forwarded.clientAddress());
        client.put("peer", forwarded.peer());
        client.put("viaTrustedProxy", forwarded.viaTrustedProxy());
        client.put("chain", forwarded.chain());
        client.put("untrustedForwardedHeaders", forwarded.untrustedForwardedHeaders());
        return client;
    }

    private static Map<String, Object> request(HttpServerRequest request, ForwardedRequest forwarded) {
        Map<String, Object> upgrade = new LinkedHashMap<>();
        upgrade.put("Upgrade", request.getHeader("Upgrade"));
        upgrade.put("Connection", request.getHeader("Connection"));
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("scheme", forwarded.scheme());
        seen.put("host", forwarded.host());
        seen.put("port", forwarded.port());
        seen.put("httpVersion", switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
            default -> request.version().alpnName();
        });
        seen.put("tls", tls(request));
        seen.put("forwardedHeaders", forwarded.forwardedHeaders());
        seen.put("upgradeHeaders", upgrade);
        return seen;
    }

    /** TLS as Vakt's own listener negotiated it; null when it is plain HTTP (a proxy may still have spoken TLS). */
    private static Map<String, Object> tls(HttpServerRequest request) {
        if (!request.isSSL()) return null;
        SSLSession session = request.sslSession();
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("protocol", session == null ? null : session.getProtocol());
        tls.put("cipherSuite", session == null ? null : session.getCipherSuite());
        tls.put("sniHost", sniHost(request, session));
        return tls;
    }

    /**
     * The name the client asked for in its TLS handshake. Vert.x only records it when the listener selects
     * certificates by SNI, so the session's requested names are the fallback.
     */
    private static String sniHost(HttpServerRequest request, SSLSession session) {
        String indicated = request.connection().indicatedServerName();
        if (indicated != null && !indicated.isEmpty()) return indicated;
        if (session instanceof javax.net.ssl.ExtendedSSLSession extended) {
            for (javax.net.ssl.SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof javax.net.ssl.SNIHostName host) return host.getAsciiName();
            }
        }
        return null;
    }

    private static Map<String, Object> attempt(UpgradeAttempt attempt) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("at", attempt.at().toString());
        shown.put("endpoint", attempt.endpoint());
        shown.put("upgradeHeader", attempt.upgradeHeader());
        shown.put("connection", attempt.connection());
        shown.put("origin", attempt.origin());
        shown.put("subprotocols", List.copyOf(attempt.subprotocols()));
        shown.put("outcome", attempt.outcome().wire());
        return shown;
    }
}
