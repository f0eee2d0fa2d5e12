package io.vakt.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} pairs and {@code --flag} switches. */
public final class Args {
    private Args() {}

    public static Map<String, String> parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + arg);
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                values.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                values.put(name, "true");
            }
        }
        return values;
    }
}
