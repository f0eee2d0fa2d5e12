package io.vakt.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import static io.vakt.server.config.InvalidValueException.quoted;

/**
 * Lists of web origins such as {@code webSocket.allowedOrigins}: {@code scheme://host[:port]}, lower-case, without a
 * path; comma-separated or a YAML/JSON list; empty = only the server's own origin.
 */
final class OriginList {
    private OriginList() {}

    static List<String> parse(String text) {
        LinkedHashSet<String> origins = new LinkedHashSet<>();
        for (String part : ListText.items(text)) {
            origins.add(normalize(part));
        }
        return List.copyOf(origins);
    }

    static String format(List<String> origins) {
        return String.join(",", origins);
    }

    private static String normalize(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw invalid(text);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static InvalidValueException invalid(String text) {
        return new InvalidValueException(quoted(text) + " is not a web origin; write scheme://host[:port], e.g. https://dashboard.example.com");
    }
}
