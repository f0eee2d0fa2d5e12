package io.vakt.server.http.proxy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web origins ({@code scheme://host[:port]}, RFC 6454) in one normal form, so that {@code HTTPS://BMS.example.com:443}
 * and {@code https://bms.example.com} compare equal: lower-case scheme and host, the scheme's default port left out.
 */
public final class WebOrigin {
    private static final Pattern ORIGIN = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*)://(\\[[0-9A-Fa-f:.]+]|[^\\s/:?#\\[\\]@]+)(?::(\\d{1,5}))?/?");

    private WebOrigin() {}

    /** The normal form of an {@code Origin} header or configured origin; empty when it is not an origin (e.g. {@code null}). */
    public static Optional<String> normalise(String text) {
        if (text == null) return Optional.empty();
        Matcher m = ORIGIN.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        int port = m.group(3) == null ? defaultPort(scheme) : Integer.parseInt(m.group(3));
        if (port < 0 || port > 65535) return Optional.empty();
        return Optional.of(format(scheme, m.group(2).toLowerCase(Locale.ROOT), port));
    }

    static String format(String scheme, String host, int port) {
        return scheme + "://" + host + (port == defaultPort(scheme) || port <= 0 ? "" : ":" + port);
    }

    /** 80 for http/ws, 443 for https/wss, -1 for anything else (which then always shows its port). */
    public static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -1;
        };
    }
}
