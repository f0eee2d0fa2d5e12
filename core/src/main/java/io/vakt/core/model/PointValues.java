package io.vakt.core.model;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the strings clients write ({@code setData} values are strings, spec §4.3) into typed point values,
 * and checks them against the point's range. {@code "5"} to an integer works, {@code "five"} does not.
 */
public final class PointValues {
    /** An integer in ASCII digits ({@link Long#parseLong} alone would also take other scripts' digits). */
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    /**
     * Plain decimal notation with a point or a comma as decimal separator and an optional exponent; stricter
     * than {@link Double#parseDouble}, which also takes {@code 0x1p3}, {@code 5d}, {@code NaN}, {@code Infinity}.
     */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][+-]?\\d+)?");

    private PointValues() {}

    public static Object parse(Point point, String text) {
        if (text == null) throw Fault.INVALID_VALUE.exception("no value given for " + point.type().label() + " variable");
        String trimmed = text.trim();
        Object value = switch (point.type()) {
            case REAL -> parseReal(trimmed);
            case INTEGER -> parseInteger(trimmed);
            case DIGITAL -> parseDigital(trimmed);
            case STRING -> text;
        };
        checkRange(point, value);
        return value;
    }

    private static Double parseReal(String text) {
        Double value = decimal(text);
        if (value == null) throw invalid(text, "a number");
        return value;
    }

    /** The finite value of a decimal number, or null when the text is not one. */
    private static Double decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) return null;
        double value = Double.parseDouble(text.replace(',', '.'));
        return Double.isFinite(value) ? value : null;
    }

    private static Long parseInteger(String text) {
        if (WHOLE.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLong) {
                throw invalid(text, "an integer");
            }
        }
        // "5.0" is an integer written by a client that formats all numbers as reals
        Double asDouble = decimal(text);
        if (asDouble != null && asDouble == Math.rint(asDouble) && Math.abs(asDouble) < 1e15) {
            return asDouble.longValue();
        }
        throw invalid(text, "an integer");
    }

    private static Long parseDigital(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "true", "on", "1.0" -> 1L;
            case "0", "false", "off", "0.0" -> 0L;
            default -> throw invalid(text, "0 or 1");
        };
    }

    private static VaktException invalid(String text, String expected) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return Fault.INVALID_VALUE.exception("\"" + shown + "\" is not " + expected);
    }

    public static void checkRange(Point point, Object value) {
        if (!(value instanceof Number number)) return;
        double v = number.doubleValue();
        if ((point.min() != null && v < point.min()) || (point.max() != null && v > point.max())) {
            throw Fault.OUT_OF_RANGE.exception(format(value) + " is outside " + rangeText(point));
        }
    }

    public static String rangeText(Point point) {
        return "[" + (point.min() == null ? "-∞" : format(point.min())) + ", "
                + (point.max() == null ? "∞" : format(point.max())) + "]";
    }

    /** Plain text of a value as shown in logs and the audit log. */
    public static String format(Object value) {
        if (value == null) return "";
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
        return String.valueOf(value);
    }

    /** Whether a read-back value confirms a written one (reals within a relative tolerance). */
    public static boolean confirms(Object written, Object readBack) {
        if (written instanceof Number w && readBack instanceof Number r) {
            double a = w.doubleValue();
            double b = r.doubleValue();
            return Math.abs(a - b) <= 1e-6 * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
        }
        return written != null && written.equals(readBack);
    }
}
