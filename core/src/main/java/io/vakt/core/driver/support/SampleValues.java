package io.vakt.core.driver.support;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointValues;

import java.util.Locale;

/**
 * Turns what a protocol delivers into the value of a point's type ({@link Double} for real, {@link Long} for
 * integer and digital, {@link String}), and a written value back into a number, so every driver converts
 * the same way.
 */
public final class SampleValues {
    private SampleValues() {}

    /** A number read from the field as the point's value: integers rounded, digital 1 for anything but 0. */
    public static Object fromNumber(Point point, double raw) {
        return switch (point.type()) {
            case REAL -> raw;
            case INTEGER -> Math.round(raw);
            case DIGITAL -> raw != 0 ? 1L : 0L;
            case STRING -> PointValues.format(raw == Math.rint(raw) && Math.abs(raw) < 1e15 ? (Object) (long) raw : raw);
        };
    }

    public static Object fromBoolean(Point point, boolean raw) {
        return point.type() == io.vakt.core.model.PointType.STRING ? String.valueOf(raw) : fromNumber(point, raw ? 1 : 0);
    }

    /**
     * Text from the field (an MQTT payload, a JSON field) as the point's value; {@code true/false/on/off}
     * count as 1/0 for numeric points.
     *
     * @throws IllegalArgumentException naming what the text should have been
     */
    public static Object fromText(Point point, String text) {
        if (point.type() == io.vakt.core.model.PointType.STRING) return text;
        String trimmed = text.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "true", "on" -> { return fromNumber(point, 1); }
            case "false", "off" -> { return fromNumber(point, 0); }
            default -> { }
        }
        try {
            double value = Double.parseDouble(trimmed);
            if (Double.isFinite(value)) return fromNumber(point, value);
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new IllegalArgumentException("\"" + abbreviate(trimmed) + "\" is not a number");
    }

    /**
     * A written value (already of the point's type, as the driver SPI promises) as a number.
     *
     * @throws VaktException {@link Fault#INVALID_VALUE} when it is no number
     */
    public static double toNumber(Object written) {
        if (written instanceof Number number) return number.doubleValue();
        if (written instanceof Boolean flag) return flag ? 1 : 0;
        if (written instanceof String text) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException ignored) {
                // answered below
            }
        }
        throw Fault.INVALID_VALUE.exception("\"" + PointValues.format(written) + "\" is not a number");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
