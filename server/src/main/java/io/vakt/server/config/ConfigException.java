package io.vakt.server.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every problem found (not only the first), each one line naming
 * its source: {@code vakt.yaml line 4: tokens.accessLifetime: "10x" is not a duration (use 500ms, 25s, 10m,
 * 2h, 60d)} or {@code environment VAKT_PORT: "abc" is not a port number}.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a configuration error needs a problem");
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in the order found. */
    public List<String> problems() { return problems; }
}
