package io.vakt.core.driver.support;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as project files write them: {@code 250ms}, {@code 1s}, {@code 2m}, {@code 24h}, {@code 1d}; a bare number is seconds. */
public final class Durations {
    public static final String EXAMPLES = "e.g. 250ms, 1s, 2m, 1h";
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");

    private Durations() {}

    public static Optional<Duration> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) return Optional.empty();
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = amount * unitMillis(unit);
        if (millis > Long.MAX_VALUE / 2) return Optional.empty();
        return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000)));
    }

    /** Milliseconds in one unit ({@code per=h}); zero when the text is no unit. */
    public static double unitMillis(String unit) {
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 0;
        };
    }

    public static double seconds(Duration duration) { return duration.toNanos() / 1e9; }

    /** The shortest exact form of a duration: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}; above a minute, whole seconds. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 3_600_000 && millis % 3_600_000 == 0) return millis / 3_600_000 + "h";
        if (millis >= 60_000 && millis % 60_000 == 0) return millis / 60_000 + "m";
        if (millis >= 60_000) return millis / 1000 + "s";
        if (millis % 1000 == 0) return millis / 1000 + "s";
        return millis < 1000 ? millis + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
