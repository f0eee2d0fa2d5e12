package io.vakt.server.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.vakt.server.config.InvalidValueException.quoted;

/**
 * Lists of hosts such as {@code ssf.fetch.allowedHosts}: host names, IPv4 addresses or {@code host:port},
 * comma-separated or as a YAML/JSON list; an empty text is the empty list. No wildcards and no URLs, so
 * what an operator allows is exactly what is reachable.
 */
final class HostList {
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\\d{1,5})?");

    private HostList() {}

    static List<String> parse(String text) {
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (String part : ListText.items(text)) {
            String host = part.toLowerCase(Locale.ROOT);
            if (host.contains("://") || host.contains("/")) {
                throw new InvalidValueException(quoted(host) + " is a URL; give only the host, e.g. api.example.com or 10.0.0.5:8080");
            }
            if (!HOST.matcher(host).matches()) {
                throw new InvalidValueException(quoted(host) + " is not a host name, address or host:port");
            }
            hosts.add(host);
        }
        return List.copyOf(new ArrayList<>(hosts));
    }

    static String format(List<String> hosts) {
        return String.join(",", hosts);
    }
}
