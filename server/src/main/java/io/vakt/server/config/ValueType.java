package io.vakt.server.config;

import io.vakt.wamp.router.PermissionRule;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.vakt.server.config.InvalidValueException.quoted;

/**
 * The type of a configuration key: how its text is parsed and checked, how its default is shown in the
 * documentation, and, for paths, how a relative value is anchored.
 *
 * @param <T> the Java type the text becomes
 */
public final class ValueType<T> {
    /** Any non-empty text. */
    public static final ValueType<String> TEXT = new ValueType<>("text", ValueType::text, Function.identity());
    /** A file or folder; a relative path is anchored where its source lives (see {@link ConfigLoader}). */
    public static final ValueType<Path> PATH = new ValueType<>("path", ValueType::path, Path::toString,
            (path, base) -> base.resolve(path).normalize());
    /** A TCP port, 0 to 65535; 0 picks a free port. */
    public static final ValueType<Integer> PORT = new ValueType<>("port 0–65535", ValueType::port, String::valueOf);
    public static final ValueType<Boolean> BOOLEAN = new ValueType<>("true / false", ValueType::bool, String::valueOf);
    public static final ValueType<Integer> COUNT = new ValueType<>("integer ≥ 0", text -> integer(text, 0), String::valueOf);
    public static final ValueType<Integer> POSITIVE_COUNT =
            new ValueType<>("integer ≥ 1", text -> integer(text, 1), String::valueOf);
    /** A decimal number of 0 or more. */
    public static final ValueType<Double> RATE = new ValueType<>("number ≥ 0", ValueType::rate, ValueType::formatRate);
    public static final ValueType<Duration> DURATION =
            new ValueType<>("duration", text -> duration(text, false), Durations::format);
    /** A duration longer than zero, for lifetimes and intervals where zero would make no sense. */
    public static final ValueType<Duration> POSITIVE_DURATION =
            new ValueType<>("duration > 0", text -> duration(text, true), Durations::format);
    /** A message size: bytes, or with a binary unit; 1 KiB to 64 MiB. */
    public static final ValueType<Integer> SIZE = new ValueType<>("size 1KiB–64MiB", ValueType::size, bytes -> Sizes.format(bytes));
    /** An amount of memory: bytes, or with a binary unit; 1 MiB to 64 GiB. */
    public static final ValueType<Long> MEMORY = new ValueType<>("size 1MiB–64GiB", ValueType::memory, Sizes::format);
    /** Host names or {@code host:port}; a YAML list, or comma-separated; empty = none. */
    public static final ValueType<List<String>> HOSTS =
            new ValueType<>("list of hosts", HostList::parse, HostList::format, (value, base) -> value, true);
    /** IP addresses and CIDR ranges; a YAML list, or comma-separated; empty = none. */
    public static final ValueType<List<io.vakt.server.net.Cidr>> NETWORKS =
            new ValueType<>("list of addresses/ranges", NetworkList::parse, NetworkList::format, (value, base) -> value, true);
    /** Web origins ({@code https://host[:port]}); a YAML list, or comma-separated; empty = none. */
    public static final ValueType<List<String>> ORIGINS =
            new ValueType<>("list of origins", OriginList::parse, OriginList::format, (value, base) -> value, true);
    /** Realm names; a YAML list, or comma-separated. */
    public static final ValueType<List<String>> REALMS =
            new ValueType<>("list of names", WampValues::realms, WampValues::formatRealms, (value, base) -> value, true);
    /** WAMP permission rules; a YAML list of maps (see {@code docs/configuration.md}, "WAMP permissions"). */
    public static final ValueType<List<PermissionRule>> PERMISSIONS =
            new ValueType<>("list of rules", WampValues::permissions, WampValues::formatPermissions,
                    (value, base) -> value, true);

    private final String description;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final BiFunction<T, Path, T> anchor;
    private final boolean structured;

    private ValueType(String description, Function<String, T> parser, Function<T, String> formatter) {
        this(description, parser, formatter, (value, base) -> value);
    }

    private ValueType(String description, Function<String, T> parser, Function<T, String> formatter,
                      BiFunction<T, Path, T> anchor) {
        this(description, parser, formatter, anchor, false);
    }

    private ValueType(String description, Function<String, T> parser, Function<T, String> formatter,
                      BiFunction<T, Path, T> anchor, boolean structured) {
        this.description = description;
        this.parser = parser;
        this.formatter = formatter;
        this.anchor = anchor;
        this.structured = structured;
    }

    /** How the documentation names this type ({@code duration > 0}). */
    public String description() { return description; }

    /** The value as the documentation and messages show it ({@code 10m}). */
    public String format(T value) { return formatter.apply(value); }

    /** @throws InvalidValueException with a phrase naming the value and what was expected */
    T parse(String text) { return parser.apply(text); }

    /**
     * Whether the YAML file may give a list (or map) here. {@link YamlSettings} hands such a value over as its
     * JSON text, the same form the environment and {@code --set} use.
     */
    boolean structured() { return structured; }

    /** A relative path anchored at {@code base}; every other value unchanged. */
    T anchor(T value, Path base) { return anchor.apply(value, base); }

    private static String text(String text) {
        if (text.isBlank()) throw new InvalidValueException("is empty");
        return text.strip();
    }

    private static Path path(String text) {
        if (text.isBlank()) throw new InvalidValueException("is empty");
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            throw new InvalidValueException(quoted(text) + " is not a valid path (" + e.getReason() + ")");
        }
    }

    private static int port(String text) {
        int port;
        try {
            port = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(quoted(text) + " is not a port number");
        }
        if (port < 0 || port > 65_535) {
            throw new InvalidValueException(quoted(text) + " is not a port number (0 to 65535; 0 picks a free port)");
        }
        return port;
    }

    private static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException(quoted(text) + " is not true or false");
        };
    }

    private static int integer(String text, int min) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(quoted(text) + " is not a whole number");
        }
        if (value < min) throw new InvalidValueException(quoted(text) + " is too small; use " + min + " or more");
        return value;
    }

    private static int size(String text) {
        long bytes = Sizes.parse(text).orElseThrow(() -> new InvalidValueException(
                quoted(text) + " is not a size (use " + Sizes.EXAMPLES + ")"));
        if (bytes < Sizes.KIB || bytes > 64L * Sizes.MIB) {
            throw new InvalidValueException(quoted(text) + " is out of range; use 1KiB to 64MiB");
        }
        return (int) bytes;
    }

    private static long memory(String text) {
        long bytes = Sizes.parse(text).orElseThrow(() -> new InvalidValueException(
                quoted(text) + " is not a size (use " + Sizes.EXAMPLES + ")"));
        if (bytes < Sizes.MIB || bytes > 64L * 1024 * Sizes.MIB) {
            throw new InvalidValueException(quoted(text) + " is out of range; use 1MiB to 64GiB");
        }
        return bytes;
    }

    private static double rate(String text) {
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(quoted(text) + " is not a number");
        }
        // NaN and infinity parse, but are never a sensible rate; "NaN >= 0" is false, so this refuses it too
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidValueException(quoted(text) + " is not a number of 0 or more");
        }
        return value;
    }

    private static String formatRate(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static Duration duration(String text, boolean positive) {
        Duration value = Durations.parse(text).orElseThrow(() -> new InvalidValueException(
                quoted(text) + " is not a duration (use " + Durations.EXAMPLES + ")"));
        if (value.isNegative()) {
            throw new InvalidValueException(quoted(text) + " is a negative duration; use 0 or more");
        }
        if (positive && value.isZero()) throw new InvalidValueException(quoted(text) + " must be longer than 0");
        return value;
    }
}
