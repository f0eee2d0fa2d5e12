package io.vakt.server.diag;

import io.vakt.server.config.VaktConfig;
import io.vakt.server.http.proxy.OriginPolicy;
import io.vakt.server.http.proxy.ProxyTrust;

import java.time.Clock;
import java.time.Duration;

/**
 * What the server knows and decides about the network between it and its clients: which proxies it trusts, which
 * web origins may open its WebSockets, and the recent upgrade attempts; plus the server facts diagnostics show.
 * One per server, shared by every event loop (all parts are thread-safe).
 */
public record NetworkEdge(ProxyTrust proxies, OriginPolicy origins, UpgradeLog upgrades, ServerFacts server) {
    /**
     * @param version          Vakt's version
     * @param webSocketPing    how often both WebSocket endpoints ping
     * @param fallbackEnabled  whether the SSE and long-poll fallbacks are served
     */
    public record ServerFacts(String version, Duration webSocketPing, boolean fallbackEnabled) {}

    public static NetworkEdge from(VaktConfig config, String version, Clock clock) {
        return new NetworkEdge(new ProxyTrust(config.proxy().trusted()), new OriginPolicy(config.proxy().allowedOrigins()),
                new UpgradeLog(clock), new ServerFacts(version, config.webSocket().pingInterval(), config.fallback().enabled()));
    }
}
