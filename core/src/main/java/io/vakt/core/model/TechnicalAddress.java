package io.vakt.core.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A controller variable name such as {@code AHU1.GT11} or {@code Ctrl.QSystem.Sec}: the controller's
 * technical name, a dot, then the point's address inside that controller. Names match case-insensitively
 * (spec §3), so equality uses the lower-cased {@link #key()}; {@link #toString()} keeps the spelling of
 * the project.
 */
public record TechnicalAddress(String controller, String point) {
    private static final Pattern CONTROLLER = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern POINT = Pattern.compile("[A-Za-z0-9_\\-.()\\[\\]]+");

    public TechnicalAddress {
        if (!CONTROLLER.matcher(controller).matches()) throw new IllegalArgumentException("bad controller name: " + controller);
        if (!POINT.matcher(point).matches() || point.startsWith(".") || point.endsWith(".")) {
            throw new IllegalArgumentException("bad point address: " + point);
        }
    }

    /** Parses {@code Controller.Point}; empty when the text is not of that form. */
    public static Optional<TechnicalAddress> parse(String text) {
        if (text == null) return Optional.empty();
        String trimmed = text.trim();
        int dot = trimmed.indexOf('.');
        if (dot <= 0 || dot == trimmed.length() - 1) return Optional.empty();
        String controller = trimmed.substring(0, dot);
        String point = trimmed.substring(dot + 1);
        if (!CONTROLLER.matcher(controller).matches() || !POINT.matcher(point).matches()
                || point.startsWith(".") || point.endsWith(".")) {
            return Optional.empty();
        }
        return Optional.of(new TechnicalAddress(controller, point));
    }

    public static boolean isValidPointAddress(String point) {
        return point != null && POINT.matcher(point).matches() && !point.startsWith(".") && !point.endsWith(".");
    }

    public static boolean isValidControllerName(String name) {
        return name != null && CONTROLLER.matcher(name).matches();
    }

    /** Lower-cased form used for lookups and equality. */
    public String key() { return (controller + "." + point).toLowerCase(Locale.ROOT); }

    public String controllerKey() { return controller.toLowerCase(Locale.ROOT); }

    public String pointKey() { return point.toLowerCase(Locale.ROOT); }

    @Override
    public boolean equals(Object other) {
        return other instanceof TechnicalAddress that && key().equals(that.key());
    }

    @Override
    public int hashCode() { return key().hashCode(); }

    @Override
    public String toString() { return controller + "." + point; }
}
