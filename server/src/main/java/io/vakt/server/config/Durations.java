package io.vakt.server.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 500ms}, {@code 25s}, {@code 10m}, {@code 2h}, {@code 60d}, with an
 * optional fraction ({@code 1.5s}), or ISO-8601 ({@code PT10M}, {@code P60D}). A bare number is refused: whether
 * {@code 30} means seconds or milliseconds is exactly the kind of guess a configuration file must not need.
 */
public final class Durations {
    /** The forms to show in an error message. */
    public static final String EXAMPLES = "500ms, 25s, 10m, 2h, 60d";

    private static final Pattern SHORT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    private Durations() {}

    /**
     * The duration {@code text} stands for, possibly negative; empty when it is no duration or too long to
     * represent. Units are lower case only, because {@code 10M} would read as months to some.
     */
    public static Optional<Duration> parse(String text) {
        if (text == null) return Optional.empty();
        String trimmed = text.strip();
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            try {
                BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitNanos(matcher.group(2))));
                return Optional.of(Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact()));
            } catch (ArithmeticException tooLong) {
                return Optional.empty();
            }
        }
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (upper.startsWith("P") || upper.startsWith("-P")) {
            try {
                return Optional.of(Duration.parse(trimmed));
            } catch (DateTimeParseException | ArithmeticException notIso) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The shortest exact short form ({@code 10m}, {@code 60d}, {@code 100ms}); ISO-8601 below a millisecond. */
    public static String format(Duration duration) {
        if (duration.isZero()) return "0s";
        for (String unit : UNITS) {
            long unitNanos = unitNanos(unit);
            // Whole days or hours of nanoseconds may overflow a long; a remainder check on seconds cannot
            if (unitNanos >= 1_000_000_000L) {
                long seconds = duration.getSeconds();
                long unitSeconds = unitNanos / 1_000_000_000L;
                if (duration.getNano() == 0 && seconds % unitSeconds == 0) return seconds / unitSeconds + unit;
            } else if (duration.getNano() % NANOS_PER_MILLI == 0) {
                return duration.toMillis() + unit;
            }
        }
        return duration.toString();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ms" -> NANOS_PER_MILLI;
            case "s" -> 1_000 * NANOS_PER_MILLI;
            case "m" -> 60_000 * NANOS_PER_MILLI;
            case "h" -> 3_600_000 * NANOS_PER_MILLI;
            case "d" -> 86_400_000 * NANOS_PER_MILLI;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
