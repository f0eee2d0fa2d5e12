package io.vakt.server.http.proxy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The same-origin rule for WebSocket upgrades (cross-site WebSocket hijacking: browsers send cookies and let any
 * page open a WebSocket anywhere, so the server must look at {@code Origin}). Allowed: no {@code Origin} (not a
 * browser), the request's own origin as the browser saw it (through trusted proxies), or one of
 * {@code webSocket.allowedOrigins}. Everything else is refused, {@code Origin: null} (sandboxed frames, files)
 * included.
 * <p>
 * Proxies that do not say everything: a trusted proxy that forwards no scheme ({@code X-Forwarded-Proto} or
 * {@code Forwarded: proto=}) usually terminates TLS, so scheme and port cannot be compared, and only the host name
 * is. A trusted proxy that forwards no host and passes an address as {@code Host} (the seed's nginx block:
 * {@code proxy_pass http://192.168.0.1:80} without {@code proxy_set_header Host}) leaves nothing to compare at all:
 * the upgrade is let through as {@code unverified-behind-proxy}, because refusing it would break every browser
 * behind the configuration ArrigoLocal's own guide publishes, and the endpoints authenticate with tokens sent
 * inside the protocol (never cookies), which a foreign page cannot read. The caller logs such upgrades, so the
 * operator learns to forward the host.
 */
public final class OriginPolicy {
    private final Set<String> allowed = new LinkedHashSet<>();

    /** @param allowedOrigins extra origins, e.g. {@code https://dash.example.com}; normalised here too */
    public OriginPolicy(List<String> allowedOrigins) {
        for (String origin : allowedOrigins) {
            allowed.add(WebOrigin.normalise(origin).orElseThrow(() -> new IllegalArgumentException(
                    "'" + origin + "' is not a web origin (scheme://host[:port])")));
        }
    }

    /** The configured extra origins, normalised. */
    public List<String> allowedOrigins() { return List.copyOf(allowed); }

    /** The verdict on one upgrade request. */
    public sealed interface Verdict {
        /** @param reason {@code no-origin}, {@code same-origin} or {@code allowed-origin}, for logs and tests */
        record Allowed(String reason) implements Verdict {}

        /**
         * @param origin   the refused {@code Origin} as sent
         * @param expected the request's own origin; null when the request named no host
         */
        record Refused(String origin, String expected) implements Verdict {}
    }

    public Verdict check(String originHeader, ForwardedRequest request) {
        if (originHeader == null) return new Verdict.Allowed("no-origin");
        Optional<String> own = request.origin();
        Optional<String> origin = WebOrigin.normalise(originHeader);
        if (origin.isPresent() && own.isPresent() && origin.get().equals(own.get())) return new Verdict.Allowed("same-origin");
        if (origin.isPresent() && allowed.contains(origin.get())) return new Verdict.Allowed("allowed-origin");
        if (origin.isPresent() && request.viaTrustedProxy()) {
            if (!forwards(request, ForwardingHeaders.X_FORWARDED_PROTO, "proto=") && request.host() != null
                    && hostOf(origin.get()).equals(request.host().toLowerCase(Locale.ROOT))) {
                return new Verdict.Allowed("same-host-behind-proxy");
            }
            if (!forwards(request, ForwardingHeaders.X_FORWARDED_HOST, "host=") && namesAnAddress(request.host())) {
                return new Verdict.Allowed(UNVERIFIED_BEHIND_PROXY);
            }
        }
        return new Verdict.Refused(originHeader, own.orElse(null));
    }

    /** The reason of an upgrade let through because the proxy forwarded nothing to compare the origin with. */
    public static final String UNVERIFIED_BEHIND_PROXY = "unverified-behind-proxy";

    /** Whether the request carries the named forwarding header, or a {@code Forwarded} header with that parameter. */
    private static boolean forwards(ForwardedRequest request, String header, String forwardedParameter) {
        for (Map.Entry<String, String> entry : request.forwardedHeaders().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(header)) return true;
            if (entry.getKey().equalsIgnoreCase(ForwardingHeaders.FORWARDED)
                    && entry.getValue().toLowerCase(Locale.ROOT).contains(forwardedParameter)) return true;
        }
        return false;
    }

    /** Whether a Host names an address rather than a site: then a proxy passed its upstream, not the browser's host. */
    private static boolean namesAnAddress(String host) {
        if (host == null) return true;
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.startsWith("[") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String hostOf(String normalisedOrigin) {
        String rest = normalisedOrigin.substring(normalisedOrigin.indexOf("://") + 3);
        int colon = rest.startsWith("[") ? rest.indexOf(':', rest.indexOf(']')) : rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
