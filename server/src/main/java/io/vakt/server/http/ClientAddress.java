package io.vakt.server.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/** The address of the client of a request, for logs, the audit log and login throttling. */
public final class ClientAddress {
    private ClientAddress() {}

    public static String of(RoutingContext routing) { return of(routing.request()); }

    public static String of(io.vertx.core.http.HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }
}
