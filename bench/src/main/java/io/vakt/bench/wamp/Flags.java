package io.vakt.bench.wamp;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} or {@code --name=value} flags. Names outside the allowed set are refused: a typo such as
 * {@code --caller} must not silently run a different benchmark than the one asked for.
 */
final class Flags {
    private final Map<String, String> values;

    private Flags(Map<String, String> values) { this.values = values; }

    static Flags parse(List<String> args, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + arg);
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "; known: --" + String.join(", --", allowed.stream().sorted().toList()));
            }
            values.put(name, value);
        }
        return new Flags(values);
    }

    String string(String name, String fallback) { return values.getOrDefault(name, fallback); }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    double number(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
    Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) return fallback;
        if (value.endsWith("ms")) return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        if (value.endsWith("s")) return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        if (value.endsWith("m")) return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
