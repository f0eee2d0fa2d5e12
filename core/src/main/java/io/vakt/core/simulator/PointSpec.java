package io.vakt.core.simulator;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.PointValues;
import io.vakt.core.project.ProjectException;
import io.vakt.core.project.Suggestions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A point's simulation options, checked: its behaviour ({@code sim}), the number of decimals reals are
 * rounded to ({@code decimals}) and the starting value ({@code initial}).
 *
 * @param initial the starting value as a double (numeric points) — see {@code initialText} for strings
 * @param explicitInitial whether {@code initial} was given; lagging behaviours otherwise start at their target
 */
record PointSpec(Point point, Behaviour behaviour, int decimals, double initial, String initialText,
                 boolean explicitInitial) {
    static final String SIM = "sim";
    static final String INITIAL = "initial";
    static final String DECIMALS = "decimals";
    static final List<String> OPTIONS = List.of(SIM, INITIAL, DECIMALS);

    /** @throws ProjectException at the first point with a bad option */
    static List<PointSpec> compile(Controller controller) {
        List<PointSpec> specs = new ArrayList<>();
        for (Point point : controller.points()) specs.add(compile(point, controller));
        return specs;
    }

    static PointSpec compile(Point point, Controller controller) {
        for (String key : point.options().keySet()) {
            // other drivers' options may sit here too; only near misses of ours are surely typos
            if (!OPTIONS.contains(key) && Suggestions.closest(key, OPTIONS).isPresent()) {
                throw error(point, "unknown option \"" + key + "\"" + Suggestions.didYouMean(key, OPTIONS));
            }
        }
        String sim = point.option(SIM, "hold");
        Behaviour behaviour;
        try {
            behaviour = Behaviours.compile(sim, point, controller);
        } catch (IllegalArgumentException e) {
            throw error(point, "sim \"" + sim + "\": " + e.getMessage());
        }
        int decimals = decimals(point);
        String initialText = point.option(INITIAL, null);
        boolean explicit = initialText != null;
        double initial;
        if (point.type() == PointType.STRING) {
            return new PointSpec(point, behaviour, decimals, 0, explicit ? initialText : "", explicit);
        }
        if (explicit) {
            initial = parseInitial(point, initialText);
        } else if (behaviour instanceof Behaviour.Walk walk) {
            initial = (walk.min() + walk.max()) / 2;
        } else {
            // zero may lie outside the point's range (a setpoint of 14–26)
            initial = clamp(point, 0);
        }
        return new PointSpec(point, behaviour, decimals, initial, "", explicit);
    }

    private static double parseInitial(Point point, String text) {
        try {
            Object value = PointValues.parse(point, text);
            if (value instanceof Number number) return number.doubleValue();
        } catch (RuntimeException e) {
            throw error(point, "initial \"" + text + "\": " + e.getMessage()
                    + (point.min() != null || point.max() != null ? " " + PointValues.rangeText(point) : ""));
        }
        throw error(point, "initial \"" + text + "\" is not a number");
    }

    private static int decimals(Point point) {
        String text = point.option(DECIMALS, "1");
        try {
            int decimals = Integer.parseInt(text.trim());
            if (decimals >= 0 && decimals <= 6) return decimals;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw error(point, "decimals must be a whole number from 0 to 6, not \"" + text + "\"");
    }

    private static ProjectException error(Point point, String message) {
        return new ProjectException(point.source(), "point " + point.address() + ": " + message);
    }

    /** The value as the point's type: a rounded {@link Double}, a {@link Long}, or 0/1 for digitals. */
    Object typed(double value) {
        return switch (point.type()) {
            case REAL -> round(value);
            case INTEGER -> Math.round(value);
            case DIGITAL -> value >= 0.5 ? 1L : 0L;
            case STRING -> String.valueOf(value);
        };
    }

    private Double round(double value) {
        double scale = Math.pow(10, decimals);
        double rounded = Math.round(value * scale) / scale;
        return rounded == 0 ? 0.0 : rounded; // no "-0.0" on screens
    }

    /** Clamps a computed value into the point's range. */
    double clamp(double value) { return clamp(point, value); }

    private static double clamp(Point point, double value) {
        double result = value;
        if (point.min() != null) result = Math.max(point.min(), result);
        if (point.max() != null) result = Math.min(point.max(), result);
        return result;
    }

    String key() { return point.address().toLowerCase(Locale.ROOT); }
}
