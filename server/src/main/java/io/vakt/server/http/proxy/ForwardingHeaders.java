package io.vakt.server.http.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the forwarding headers of a request: RFC 7239 {@code Forwarded} and the de-facto {@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host} and {@code -Port}. {@code X-Forwarded-For} wins when both kinds are present: nginx,
 * Apache, IIS, Caddy and HAProxy's {@code forwardfor} all append to it and pass a client's own {@code Forwarded}
 * header through untouched, so believing {@code Forwarded} there would let any client name its own address (the
 * seed's nginx block, which cannot be changed, is such a proxy). A proxy that writes only {@code Forwarded} must
 * then drop a client's {@code X-Forwarded-For} (docs/deploy). A malformed header never fails a request: it is ignored, with a DEBUG line naming it, because a proxy (or
 * a client speaking through one) can send anything and the request itself may still be fine.
 */
public final class ForwardingHeaders {
    public static final String FORWARDED = "Forwarded";
    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    public static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    public static final String X_FORWARDED_PORT = "X-Forwarded-Port";
    /** In the order diagnostics show them. */
    public static final List<String> NAMES = List.of(X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST,
            X_FORWARDED_PORT, FORWARDED);

    /** More hops than any real deployment has; a longer chain is treated as garbage rather than walked. */
    static final int MAX_HOPS = 64;

    private static final Logger log = LoggerFactory.getLogger(ForwardingHeaders.class);
    private static final Pattern SCHEME = Pattern.compile("(?i)https?");
    private static final Pattern AUTHORITY = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~%-]+)(:\\d{1,5})?");

    private ForwardingHeaders() {}

    /** The forwarding headers present, each with its lines joined by {@code ", "}, in {@link #NAMES} order. */
    public static Map<String, String> present(Function<String, List<String>> lines) {
        Map<String, String> present = new LinkedHashMap<>();
        for (String name : NAMES) {
            List<String> values = lines.apply(name);
            if (values != null && !values.isEmpty()) present.put(name, String.join(", ", values));
        }
        return present;
    }

    /**
     * What the headers claim; {@link ForwardingClaims#NONE} when there are none or none is well formed.
     *
     * @param lines every line of a header, by name (case-insensitive), empty when absent
     */
    public static ForwardingClaims parse(Function<String, List<String>> lines) {
        List<String> forwardedFor = lines.apply(X_FORWARDED_FOR);
        List<String> forwarded = lines.apply(FORWARDED);
        boolean appendedByProxy = forwardedFor != null && !forwardedFor.isEmpty();
        if (!appendedByProxy && forwarded != null && !forwarded.isEmpty()) {
            Optional<ForwardingClaims> claims = parseForwarded(String.join(",", forwarded));
            if (claims.isPresent()) return claims.get();
            log.debug("Ignoring a malformed Forwarded header: {}", shown(forwarded));
        }
        return parseXForwarded(lines);
    }

    /** RFC 7239: elements separated by commas, each a list of {@code name=value} pairs separated by semicolons. */
    static Optional<ForwardingClaims> parseForwarded(String header) {
        List<Map<String, String>> elements = new ArrayList<>();
        Map<String, String> element = new LinkedHashMap<>();
        int i = 0;
        int length = header.length();
        while (i < length) {
            i = skipSpace(header, i);
            if (i >= length) break;
            char c = header.charAt(i);
            if (c == ',') {
                if (!element.isEmpty()) elements.add(element);
                element = new LinkedHashMap<>();
                i++;
                continue;
            }
            if (c == ';') {
                i++;
                continue;
            }
            int equals = header.indexOf('=', i);
            if (equals < 0) return Optional.empty();
            String name = header.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_')) {
                return Optional.empty();
            }
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < length && header.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < length) {
                    char q = header.charAt(i++);
                    if (q == '\\' && i < length) {
                        value.append(header.charAt(i++));
                    } else if (q == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(q);
                    }
                }
                if (!closed) return Optional.empty();
            } else {
                while (i < length && ",; \t\"".indexOf(header.charAt(i)) < 0) value.append(header.charAt(i++));
            }
            i = skipSpace(header, i);
            if (i < length && header.charAt(i) != ',' && header.charAt(i) != ';') return Optional.empty();
            // RFC 7239 §4: a parameter must not occur twice in one element
            if (element.put(name, value.toString()) != null) return Optional.empty();
        }
        if (!element.isEmpty()) elements.add(element);
        if (elements.isEmpty() || elements.size() > MAX_HOPS) return Optional.empty();

        List<ForwardedNode> hops = new ArrayList<>();
        for (Map<String, String> each : elements) {
            String node = each.get("for");
            if (node == null) {
                hops.add(new ForwardedNode.Unknown());
                continue;
            }
            Optional<ForwardedNode> parsed = ForwardedNode.parse(node);
            if (parsed.isEmpty()) return Optional.empty();
            hops.add(parsed.get());
        }
        Map<String, String> nearest = elements.getLast();
        String proto = nearest.get("proto");
        if (proto != null && !SCHEME.matcher(proto).matches()) return Optional.empty();
        String host = nearest.get("host");
        if (host != null && !AUTHORITY.matcher(host).matches()) return Optional.empty();
        return Optional.of(new ForwardingClaims(hops, lower(proto), host, null, FORWARDED));
    }

    private static ForwardingClaims parseXForwarded(Function<String, List<String>> lines) {
        List<ForwardedNode> hops = new ArrayList<>();
        List<String> forwardedFor = lines.apply(X_FORWARDED_FOR);
        if (forwardedFor != null && !forwardedFor.isEmpty()) {
            hops = parseForwardedFor(forwardedFor);
            if (hops.isEmpty()) log.debug("Ignoring a malformed X-Forwarded-For header: {}", shown(forwardedFor));
        }
        String proto = nearest(lines, X_FORWARDED_PROTO, SCHEME);
        String host = nearest(lines, X_FORWARDED_HOST, AUTHORITY);
        String portText = nearest(lines, X_FORWARDED_PORT, Pattern.compile("\\d{1,5}"));
        Integer port = portText == null ? null : Integer.valueOf(portText);
        if (port != null && (port < 1 || port > 65535)) {
            log.debug("Ignoring X-Forwarded-Port {}: not a port number", port);
            port = null;
        }
        ForwardingClaims claims = new ForwardingClaims(hops, lower(proto), host, port, hops.isEmpty() ? null : X_FORWARDED_FOR);
        return claims.isEmpty() ? ForwardingClaims.NONE : claims;
    }

    /** Every node of every line, in order; empty when any entry is not a node (the whole header is then untrustworthy). */
    private static List<ForwardedNode> parseForwardedFor(List<String> lines) {
        List<ForwardedNode> hops = new ArrayList<>();
        for (String line : lines) {
            for (String entry : line.split(",", -1)) {
                Optional<ForwardedNode> node = ForwardedNode.parse(entry);
                if (node.isEmpty() || hops.size() == MAX_HOPS) return List.of();
                hops.add(node.get());
            }
        }
        return hops;
    }

    /** The last (nearest proxy's) value of a header that proxies may append to, if it has the expected form. */
    private static String nearest(Function<String, List<String>> lines, String name, Pattern form) {
        List<String> values = lines.apply(name);
        if (values == null || values.isEmpty()) return null;
        String last = values.getLast();
        int comma = last.lastIndexOf(',');
        String value = (comma < 0 ? last : last.substring(comma + 1)).strip();
        if (!form.matcher(value).matches()) {
            log.debug("Ignoring a malformed {} header: {}", name, shown(values));
            return null;
        }
        return value;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i;
    }

    private static String lower(String text) { return text == null ? null : text.toLowerCase(Locale.ROOT); }

    /** A header for a log line: no control characters, bounded. */
    private static String shown(List<String> lines) {
        return io.vakt.server.auth.LogText.quoted(String.join(", ", lines));
    }
}
