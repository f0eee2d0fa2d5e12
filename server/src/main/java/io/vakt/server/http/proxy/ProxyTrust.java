package io.vakt.server.http.proxy;

import io.netty.util.NetUtil;
import io.vakt.server.auth.LogText;
import io.vakt.server.net.Cidr;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides who a request comes from (the {@code proxy.trusted} rule). Forwarding headers are believed only from a
 * peer in the trusted list. The chain is then walked from the nearest hop: while a hop is itself a trusted proxy,
 * step one further out; the first hop that is not is the client. So a client that prepends its own
 * {@code X-Forwarded-For} entries gains nothing: its proxy appends the address it really saw, and the walk stops
 * there. Scheme, host and port come only from the nearest trusted hop. Thread-safe and allocation-light: it runs
 * once per request.
 */
public final class ProxyTrust {
    private static final Logger log = LoggerFactory.getLogger(ProxyTrust.class);

    private final List<Cidr> trusted;

    public ProxyTrust(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /**
     * What a resolver needs of a request; {@link #of(HttpServerRequest)} takes it from Vert.x.
     *
     * @param peer       the TCP peer's address; null when it has none (a Unix socket)
     * @param tls        whether Vakt's own listener spoke TLS
     * @param hostHeader the Host header (or HTTP/2 :authority); null when absent
     * @param localPort  the port Vakt accepted the connection on, for requests without a Host
     * @param headers    every line of a header by name, case-insensitive; empty when absent
     */
    public record RequestFacts(InetAddress peer, boolean tls, String hostHeader, int localPort,
                               Function<String, List<String>> headers) {
        public static RequestFacts of(HttpServerRequest request) {
            SocketAddress remote = request.remoteAddress();
            InetAddress peer = remote == null || remote.hostAddress() == null ? null
                    : NetUtil.createInetAddressFromIpAddressString(remote.hostAddress());
            HostAndPort authority = request.authority();
            String host = authority == null ? null
                    : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
            SocketAddress local = request.localAddress();
            return new RequestFacts(peer, request.isSSL(), host, local == null ? -1 : local.port(),
                    name -> request.headers().getAll(name));
        }
    }

    /** Resolves a routed request once and keeps the result in the routing context for every later handler. */
    public void resolveInto(RoutingContext routing) {
        if (routing.get(ForwardedRequest.ROUTING_KEY) == null) {
            routing.put(ForwardedRequest.ROUTING_KEY, resolve(routing.request()));
        }
        routing.next();
    }

    public ForwardedRequest resolve(HttpServerRequest request) { return resolve(RequestFacts.of(request)); }

    public ForwardedRequest resolve(RequestFacts request) {
        String peer = request.peer() == null ? "unknown" : ForwardedNode.canonical(request.peer());
        Map<String, String> present = ForwardingHeaders.present(request.headers());
        String ownScheme = request.tls() ? "https" : "http";
        Authority own = Authority.parse(request.hostHeader(), ownScheme, request.localPort());
        if (!present.isEmpty() && !isTrusted(request.peer())) {
            log.debug("Ignoring {} from {}: not a trusted proxy (proxy.trusted)", String.join(", ", present.keySet()),
                    LogText.quoted(peer));
            return new ForwardedRequest(peer, peer, List.of(peer), false, true, ownScheme, own.host(), own.port(), present);
        }
        ForwardingClaims claims = present.isEmpty() ? ForwardingClaims.NONE : ForwardingHeaders.parse(request.headers());
        if (claims.isEmpty()) {
            return new ForwardedRequest(peer, peer, List.of(peer), false, false, ownScheme, own.host(), own.port(), present);
        }
        List<String> chain = new ArrayList<>(claims.hops().size() + 1);
        claims.hops().forEach(hop -> chain.add(hop.text()));
        chain.add(peer);
        String scheme = claims.proto() != null ? claims.proto() : ownScheme;
        Authority seen = claims.host() != null
                ? Authority.parse(claims.host(), scheme, -1)
                : Authority.parse(request.hostHeader(), scheme, claims.proto() != null ? -1 : request.localPort());
        // the nearest proxy's port wins over the scheme's default, but not over a port written in the host itself
        int port = seen.explicitPort() ? seen.port() : claims.port() != null ? claims.port() : seen.port();
        return new ForwardedRequest(client(claims.hops(), peer), peer, chain, true, false, scheme, seen.host(), port,
                present);
    }

    /** Walks from the nearest hop outwards past trusted proxies; the first other hop is the client. */
    private String client(List<ForwardedNode> hops, String peer) {
        for (int i = hops.size() - 1; i >= 0; i--) {
            ForwardedNode hop = hops.get(i);
            if (!(hop instanceof ForwardedNode.Ip ip) || !isTrusted(ip.address())) return hop.text();
        }
        // every hop is a trusted proxy: the request started at the farthest one (e.g. a proxy's own health check)
        return hops.isEmpty() ? peer : hops.getFirst().text();
    }

    public boolean isTrusted(InetAddress address) {
        if (address == null) return false;
        for (Cidr range : trusted) {
            if (range.contains(address)) return true;
        }
        return false;
    }

    /** A Host value split into host and port, with the scheme's default port when it names none. */
    private record Authority(String host, int port, boolean explicitPort) {
        static Authority parse(String text, String scheme, int fallbackPort) {
            int defaultPort = WebOrigin.defaultPort(scheme);
            if (text == null || text.isBlank()) return new Authority(null, fallbackPort > 0 ? fallbackPort : defaultPort, false);
            HostAndPort parsed = HostAndPort.parseAuthority(text.strip(), -1);
            if (parsed == null) return new Authority(null, fallbackPort > 0 ? fallbackPort : defaultPort, false);
            String host = parsed.host();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) host = "[" + host + "]";
            return parsed.port() > 0 ? new Authority(host, parsed.port(), true) : new Authority(host, defaultPort, false);
        }
    }
}
