package io.vakt.server.http.proxy;

import java.util.List;

/**
 * What the forwarding headers of one request claim, before any trust is applied.
 *
 * @param hops   the chain of clients and proxies the headers name, farthest first (the order of the headers)
 * @param proto  the scheme the nearest proxy was reached with ({@code http} or {@code https}); null = not claimed
 * @param host   the Host the nearest proxy was reached with, possibly with a port; null = not claimed
 * @param port   the port from {@code X-Forwarded-Port}; null = not claimed
 * @param source the header the claims come from ({@code Forwarded} or {@code X-Forwarded-For}); null = none usable
 */
public record ForwardingClaims(List<ForwardedNode> hops, String proto, String host, Integer port, String source) {
    public static final ForwardingClaims NONE = new ForwardingClaims(List.of(), null, null, null, null);

    public ForwardingClaims {
        hops = List.copyOf(hops);
    }

    public boolean isEmpty() { return hops.isEmpty() && proto == null && host == null && port == null; }
}
