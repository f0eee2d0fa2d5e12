package io.vakt.core.driver.support;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.ProjectException;
import io.vakt.core.project.Suggestions;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reading of a driver's controller settings or of one point's options, with the errors a project
 * engineer needs: every problem is a {@link ProjectException} naming the file and line, the key, the value
 * and what was expected; unknown keys get a "did you mean" hint. One class for every driver, so the
 * drivers' messages read the same.
 */
public final class SettingReader {
    private final String what;
    private final Map<String, String> values;
    private final Function<String, SourceRef> sourceOf;

    private SettingReader(String what, Map<String, String> values, Function<String, SourceRef> sourceOf,
                          Collection<String> known) {
        this.what = what;
        this.values = values;
        this.sourceOf = sourceOf;
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new ProjectException(sourceOf.apply(key), "unknown " + what + " \"" + key + "\""
                        + Suggestions.didYouMean(key, known) + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** The controller's {@code settings:} for driver {@code driver}; every key must be one of {@code known}. */
    public static SettingReader settings(Controller controller, String driver, List<String> known) {
        return new SettingReader(driver + " setting", controller.settings(), controller::settingSource, known);
    }

    /** The driver options of one point (its keys besides address, type, unit, …); all on the point's line. */
    public static SettingReader options(Point point, String driver, List<String> known) {
        return new SettingReader(driver + " option of point " + point.address(), point.options(),
                key -> point.source(), known);
    }

    public boolean has(String key) { return values.containsKey(key); }

    public Optional<String> optional(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String text(String key, String fallback) { return optional(key).orElse(fallback); }

    public String required(String key) {
        return optional(key).orElseThrow(() -> new ProjectException(sourceOf.apply(key),
                what + " \"" + key + "\" is required"));
    }

    /** A whole number in {@code [min, max]}; decimal ({@code 502}) or hexadecimal ({@code 0x1F6}). */
    public int integer(String key, int fallback, int min, int max) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) return fallback;
        long value = parseLong(key, text.get(), "a whole number from " + min + " to " + max);
        if (value < min || value > max) throw bad(key, "must be from " + min + " to " + max);
        return (int) value;
    }

    public double number(String key, double fallback) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) return fallback;
        try {
            double value = Double.parseDouble(text.get());
            if (Double.isFinite(value)) return value;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw bad(key, "must be a number");
    }

    /** A duration ({@code 250ms}, {@code 5s}, {@code 2m}; a bare number is seconds) in {@code [min, max]}. */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) return fallback;
        Duration value = Durations.parse(text.get())
                .orElseThrow(() -> bad(key, "must be a duration (" + Durations.EXAMPLES + ")"));
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw bad(key, "must be between " + Durations.describe(min) + " and " + Durations.describe(max));
        }
        return value;
    }

    /** {@code yes/no}, {@code true/false}, {@code on/off}, any case. */
    public boolean yesNo(String key, boolean fallback) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) return fallback;
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on" -> true;
            case "no", "false", "off" -> false;
            default -> throw bad(key, "must be yes or no");
        };
    }

    /** One of {@code choices} (compared ignoring case, {@code -} and {@code _}); returns the choice as listed. */
    public String choice(String key, String fallback, List<String> choices) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) return fallback;
        String wanted = normalized(text.get());
        for (String choice : choices) {
            if (normalized(choice).equals(wanted)) return choice;
        }
        throw bad(key, "must be one of " + String.join(", ", choices) + Suggestions.didYouMean(text.get(), choices));
    }

    /** An enum constant by name, read like {@link #choice}: {@code float32}, {@code FLOAT32}, {@code big-endian}. */
    public <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
        List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(SettingReader::label).toList();
        String chosen = choice(key, label(fallback), names);
        for (E constant : type.getEnumConstants()) {
            if (label(constant).equals(chosen)) return constant;
        }
        throw new IllegalStateException(chosen);
    }

    /** The problem {@code problem} with {@code key}'s value, naming file, line, key and value. */
    public ProjectException bad(String key, String problem) {
        return new ProjectException(sourceOf.apply(key), what + " " + key + " \"" + values.getOrDefault(key, "")
                + "\" " + problem);
    }

    /** How project files spell an enum constant: lower case, {@code _} as {@code -}. */
    public static String label(Enum<?> constant) {
        return constant == null ? null : constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private long parseLong(String key, String text, String expected) {
        try {
            String trimmed = text.trim().replace("_", "");
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("0x")) return Long.parseLong(trimmed.substring(2), 16);
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw bad(key, "must be " + expected);
        }
    }

    private static String normalized(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
