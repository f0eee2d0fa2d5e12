package io.vakt.server.config;

import java.util.Objects;

/**
 * A configuration value given on the command line.
 *
 * @param option the option as the user typed it, for messages ({@code --port}, {@code --set server.port})
 * @param key    the registry key it sets ({@code server.port}) or a {@code drivers.<driver>.<setting>} key
 * @param value  the text after the option
 */
public record FlagValue(String option, String key, String value) {
    public FlagValue {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
