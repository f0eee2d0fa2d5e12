package io.vakt.core.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as project files write them: {@code 250ms}, {@code 1s}, {@code 2m}, {@code 24h}, {@code 1d}; a bare number is seconds. */
final class Durations {
    static final String EXAMPLES = "e.g. 250ms, 1s, 2m, 1h";
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");

    private Durations() {}

    static Optional<Duration> parse(String text) {
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
    static double unitMillis(String unit) {
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 0;
        };
    }

    static double seconds(Duration duration) { return duration.toNanos() / 1e9; }
}
