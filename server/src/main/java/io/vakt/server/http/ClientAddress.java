package io.vakt.server.http;

import io.vakt.server.http.proxy.ForwardedNode;
import io.vakt.server.http.proxy.ForwardedRequest;
import io.netty.util.NetUtil;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The address of the client of a request, for logs, the audit log and login throttling: the real client as
 * resolved through trusted proxies ({@code proxy.trusted}) by the router's first handler.
 */
public final class ClientAddress {
    private ClientAddress() {}

    public static String of(RoutingContext routing) {
        ForwardedRequest forwarded = routing.get(ForwardedRequest.ROUTING_KEY);
        return forwarded != null ? forwarded.clientAddress() : of(routing.request());
    }

    /**
     * The TCP peer of a request that did not go through the router, in the same canonical form as resolved
     * addresses. It ignores forwarding headers: prefer {@link #of(RoutingContext)}, or resolve with
     * {@link io.vakt.server.http.proxy.ProxyTrust}.
     */
    public static String of(io.vertx.core.http.HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        if (remote == null || remote.hostAddress() == null) return "unknown";
        java.net.InetAddress address = NetUtil.createInetAddressFromIpAddressString(remote.hostAddress());
        return address == null ? remote.hostAddress() : ForwardedNode.canonical(address);
    }
}
