package io.vakt.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One configuration key of the registry ({@link ConfigKeys}): its dotted name, type, default and meaning,
 * and how its value is read from and put into a {@link VaktConfig}. Validation, environment names and
 * {@code docs/configuration.md} all come from here, so they cannot disagree.
 *
 * @param <T> the Java type of the value
 */
public final class ConfigKey<T> {
    private final String name;
    private final ValueType<T> type;
    private final String description;
    private final Function<VaktConfig, T> getter;
    private final BiFunction<VaktConfig, T, VaktConfig> setter;
    private final boolean nullable;
    private final String defaultText;

    private ConfigKey(String name, ValueType<T> type, String description, Function<VaktConfig, T> getter,
                      BiFunction<VaktConfig, T, VaktConfig> setter, boolean nullable, String defaultText) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.description = Objects.requireNonNull(description);
        this.getter = Objects.requireNonNull(getter);
        this.setter = Objects.requireNonNull(setter);
        this.nullable = nullable;
        this.defaultText = defaultText;
    }

    static <T> ConfigKey<T> of(String name, ValueType<T> type, String description, Function<VaktConfig, T> getter,
                               BiFunction<VaktConfig, T, VaktConfig> setter) {
        return new ConfigKey<>(name, type, description, getter, setter, false, null);
    }

    /** The same key, documented with {@code defaultText} instead of the formatted built-in default. */
    ConfigKey<T> documentedDefault(String text) {
        return new ConfigKey<>(name, type, description, getter, setter, nullable, text);
    }

    /** The same key, which an empty YAML value ({@code project:}) sets to "none". */
    ConfigKey<T> nullable() {
        return new ConfigKey<>(name, type, description, getter, setter, true, defaultText);
    }

    /** The dotted name, e.g. {@code tokens.accessLifetime}. */
    public String name() { return name; }

    public ValueType<T> type() { return type; }

    /** One line saying what the key does. */
    public String description() { return description; }

    /** True when the key may be empty, meaning "none". */
    public boolean isNullable() { return nullable; }

    /** The environment variable: {@code VAKT_} and the upper snake case of the name. */
    public String envName() { return envNameOf(name); }

    /** The built-in default as the documentation shows it. */
    public String defaultText() {
        if (defaultText != null) return defaultText;
        T value = getter.apply(VaktConfig.defaults());
        return value == null ? "(none)" : type.format(value);
    }

    /** This key's value in {@code config}. */
    public T get(VaktConfig config) { return getter.apply(config); }

    /**
     * {@code config} with this key set from {@code text}; {@code null} text means "no value".
     *
     * @param base the folder a relative path is anchored at
     * @throws InvalidValueException when the text does not fit the type
     */
    VaktConfig apply(VaktConfig config, String text, Path base) {
        if (text == null || (nullable && text.isBlank())) {
            if (!nullable) throw new InvalidValueException("has no value");
            return setter.apply(config, null);
        }
        return setter.apply(config, type.anchor(type.parse(text), base));
    }

    /** {@code tokens.accessLifetime} → {@code VAKT_TOKENS_ACCESS_LIFETIME}. */
    public static String envNameOf(String dottedName) {
        StringBuilder out = new StringBuilder("VAKT");
        for (String part : dottedName.split("\\.")) out.append('_').append(upperSnake(part));
        return out.toString();
    }

    /** {@code maxUpdatesPerSecond} → {@code MAX_UPDATES_PER_SECOND}. */
    static String upperSnake(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) out.append('_');
            out.append(c == '-' ? '_' : Character.toUpperCase(c));
        }
        return out.toString();
    }

    /** {@code UNREACHABLE_CHANCE} → {@code unreachableChance}, the inverse of {@link #upperSnake} for camel case. */
    static String camelCase(String upperSnake) {
        StringBuilder out = new StringBuilder();
        String[] words = upperSnake.toLowerCase(Locale.ROOT).split("_");
        for (String word : words) {
            if (word.isEmpty()) continue;
            out.append(out.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return out.toString();
    }

    @Override
    public String toString() { return name; }
}
