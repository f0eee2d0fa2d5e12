package io.vakt.server.http.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who a request really comes from and how the browser addressed it, after trusted proxies are taken into account.
 * Resolved once per request by {@link ProxyTrust}.
 *
 * @param clientAddress             the real client: used in logs, the audit log, login throttling and sessions
 * @param peer                      who opened the TCP connection to Vakt
 * @param chain                     the forwarded chain followed by the peer, farthest first; just the peer when no
 *                                  forwarding header was believed
 * @param viaTrustedProxy           whether the peer is a trusted proxy whose forwarding headers were used
 * @param untrustedForwardedHeaders whether forwarding headers came from a peer that is not trusted and were ignored
 * @param scheme                    {@code http} or {@code https} as the browser used it
 * @param host                      the host name (IPv6 in brackets) as the browser used it; null when unknown
 * @param port                      the port as the browser used it
 * @param forwardedHeaders          the forwarding headers present on the request, trusted or not
 */
public record ForwardedRequest(String clientAddress, String peer, List<String> chain, boolean viaTrustedProxy,
                               boolean untrustedForwardedHeaders, String scheme, String host, int port,
                               Map<String, String> forwardedHeaders) {
    /** Where the routing context keeps the request's resolution, so every handler reads the same one. */
    public static final String ROUTING_KEY = "vakt.forwardedRequest";

    public ForwardedRequest {
        chain = List.copyOf(chain);
        forwardedHeaders = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(forwardedHeaders));
    }

    /**
     * The web origin the browser saw ({@code https://bms.example.com}, {@code http://127.0.0.1:8080}): what a
     * same-origin page sends as {@code Origin}. Empty when the request named no host (HTTP/1.0 without Host).
     */
    public Optional<String> origin() {
        if (host == null) return Optional.empty();
        return Optional.of(WebOrigin.format(scheme, host.toLowerCase(Locale.ROOT), port));
    }
}
