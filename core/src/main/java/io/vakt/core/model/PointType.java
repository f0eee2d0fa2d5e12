package io.vakt.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The value type of a controller point. Values travel as {@link Double} (real), {@link Long} (integer and
 * digital, digital being 0 or 1) or {@link String}.
 */
public enum PointType {
    REAL, INTEGER, DIGITAL, STRING;

    public static Optional<PointType> parse(String text) {
        if (text == null) return Optional.empty();
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "real", "float", "analog", "double" -> Optional.of(REAL);
            case "integer", "int", "long" -> Optional.of(INTEGER);
            case "digital", "bool", "boolean", "binary" -> Optional.of(DIGITAL);
            case "string", "text" -> Optional.of(STRING);
            default -> Optional.empty();
        };
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
