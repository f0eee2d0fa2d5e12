package io.vakt.server.doctor;

import io.vakt.server.tls.HostNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The server {@code vakt doctor} checks, from the URL an operator types: {@code https://bms.example.com},
 * {@code …/arrigo}, {@code …/arrigo/api} or the same below a path prefix a proxy adds ({@code https://host/site1/arrigo}).
 * Everything the checks reach is {@code <origin><prefix>/arrigo/api/…}.
 *
 * @param scheme {@code http} or {@code https}
 * @param host   the host as typed, without brackets for IPv6
 * @param port   the explicit or default port
 * @param prefix a path before {@code /arrigo}, empty or starting with {@code /} and never ending with one
 */
public record DoctorTarget(String scheme, String host, int port, String prefix) {
    static final String API = "/arrigo/api";

    /** Normalises what a user typed; a message saying what is wrong otherwise. */
    public static DoctorTarget parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) throw new IllegalArgumentException("give the server's URL, e.g. https://bms.example.com");
        if (!text.contains("://")) text = "https://" + text; // what a browser assumes for a bare host name today
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + typed + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        scheme = switch (scheme) {
            case "https", "wss" -> "https";
            case "http", "ws" -> "http";
            default -> throw new IllegalArgumentException("\"" + typed + "\" must start with https:// or http://");
        };
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("\"" + typed + "\" names no host (use e.g. https://bms.example.com)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put credentials in --user/--password or --token, not in the URL");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new DoctorTarget(scheme, HostNames.stripBrackets(uri.getHost()), port, prefixOf(uri.getPath()));
    }

    /** The path before {@code /arrigo} (case-insensitive, as the API matches paths), without a trailing slash. */
    private static String prefixOf(String path) {
        String rest = path == null ? "" : path;
        while (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.endsWith(API)) return rest.substring(0, rest.length() - API.length());
        if (lower.endsWith("/arrigo")) return rest.substring(0, rest.length() - "/arrigo".length());
        return rest;
    }

    public boolean tls() { return scheme.equals("https"); }

    /** {@code https://host[:port]}, the port only when it is not the scheme's default: what browsers send as Origin. */
    public String origin() {
        boolean defaultPort = tls() ? port == 443 : port == 80;
        return scheme + "://" + hostForUrl() + (defaultPort ? "" : ":" + port);
    }

    /** The API path for {@code path} below {@code /arrigo/api}, e.g. {@code /health} → {@code /site1/arrigo/api/health}. */
    public String apiPath(String path) { return prefix + API + path; }

    public URI httpUri(String apiRelative) { return URI.create(origin() + apiPath(apiRelative)); }

    public URI webSocketUri(String apiRelative) {
        return URI.create((tls() ? "wss" : "ws") + origin().substring(scheme.length()) + apiPath(apiRelative));
    }

    /** True when the host is an IP literal: no name to resolve, no SNI, and certificates need an IP entry. */
    public boolean hostIsAddress() { return HostNames.isIpLiteral(host); }

    private String hostForUrl() { return host.indexOf(':') >= 0 ? "[" + host + "]" : host; }

    @Override
    public String toString() { return origin() + prefix + API; }
}
