package io.vakt.server.config;

import io.vakt.server.net.Cidr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

import static io.vakt.server.config.InvalidValueException.quoted;

/** Lists of addresses and ranges such as {@code proxy.trusted}: comma-separated or a YAML/JSON list; empty = none. */
final class NetworkList {
    private NetworkList() {}

    static List<Cidr> parse(String text) {
        LinkedHashSet<Cidr> ranges = new LinkedHashSet<>();
        for (String part : ListText.items(text)) {
            try {
                ranges.add(Cidr.parse(part));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(quoted(part) + " is not an IP address or range (e.g. 10.0.0.5, 10.0.0.0/8, ::1)");
            }
        }
        return List.copyOf(ranges);
    }

    static String format(List<Cidr> ranges) {
        return ranges.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }
}
