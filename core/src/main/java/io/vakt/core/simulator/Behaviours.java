package io.vakt.core.simulator;

import io.vakt.core.driver.support.Durations;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.project.Suggestions;
import io.vakt.core.simulator.Behaviour.Constant;
import io.vakt.core.simulator.Behaviour.PointRef;
import io.vakt.core.simulator.Behaviour.Source;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link SimExpression} into a {@link Behaviour}, checking every argument; failures are
 * {@link IllegalArgumentException}s whose message the factory prefixes with the point and its line.
 */
final class Behaviours {
    static final List<String> FUNCTIONS = List.of("hold", "drift", "follow", "schedule", "counter", "wave", "walk",
            "clock", "toggle");

    private final Controller controller;
    private final Point point;
    private final SimExpression expression;

    private Behaviours(Controller controller, Point point, SimExpression expression) {
        this.controller = controller;
        this.point = point;
        this.expression = expression;
    }

    static Behaviour compile(String text, Point point, Controller controller) {
        SimExpression expression = SimExpression.parse(text);
        Behaviour behaviour = new Behaviours(controller, point, expression).build();
        if (point.type() == PointType.STRING && !(behaviour instanceof Behaviour.Hold)) {
            throw new IllegalArgumentException("string points can only hold their value");
        }
        return behaviour;
    }

    private Behaviour build() {
        return switch (expression.function()) {
            case "hold" -> {
                accept();
                yield new Behaviour.Hold();
            }
            case "drift" -> {
                accept("target", "tau", "noise");
                yield new Behaviour.Drift(source("target"), seconds("tau", 60), nonNegative("noise", 0));
            }
            case "follow" -> {
                accept("source", "gain", "offset", "tau", "noise");
                yield new Behaviour.Follow(reference("source"), number("gain", 1), number("offset", 0),
                        seconds("tau", 0), nonNegative("noise", 0));
            }
            case "schedule" -> schedule();
            case "counter" -> {
                accept("rate", "per");
                yield new Behaviour.Counter(source("rate"), per());
            }
            case "wave" -> {
                accept("min", "max", "period", "phase");
                double min = required("min");
                double max = above("max", min);
                yield new Behaviour.Wave(min, max, positiveSeconds("period", 86_400), seconds("phase", 0));
            }
            case "walk" -> {
                accept("min", "max", "step");
                double min = required("min");
                double max = above("max", min);
                yield new Behaviour.Walk(min, max, nonNegative("step", (max - min) / 100));
            }
            case "clock" -> clock();
            case "toggle" -> {
                accept("period");
                yield new Behaviour.Toggle(positiveSeconds("period", 60));
            }
            default -> throw new IllegalArgumentException("unknown function \"" + expression.function() + "\""
                    + Suggestions.didYouMean(expression.function(), FUNCTIONS) + " (use " + String.join(", ", FUNCTIONS) + ")");
        };
    }

    private Behaviour schedule() {
        accept("on", "off", "days");
        int on = timeOfDay("on", 6 * 3600);
        int off = timeOfDay("off", 18 * 3600);
        if (on == off) throw new IllegalArgumentException("on and off are the same time");
        return new Behaviour.Schedule(on, off, days(text("days").orElse("Mon-Sun")));
    }

    private Behaviour clock() {
        if (!expression.named().isEmpty() || expression.positional().size() != 1) {
            throw new IllegalArgumentException("write clock(second), clock(minute), clock(hour) or clock(millis)");
        }
        String field = expression.positional().getFirst().toLowerCase(Locale.ROOT);
        return switch (field) {
            case "second" -> new Behaviour.Clock(Behaviour.Clock.Field.SECOND);
            case "minute" -> new Behaviour.Clock(Behaviour.Clock.Field.MINUTE);
            case "hour" -> new Behaviour.Clock(Behaviour.Clock.Field.HOUR);
            case "millis" -> new Behaviour.Clock(Behaviour.Clock.Field.MILLIS);
            default -> throw new IllegalArgumentException("unknown clock field \"" + field + "\" (use second, minute, hour or millis)");
        };
    }

    /** Rejects positional arguments and keys the function does not take. */
    private void accept(String... keys) {
        List<String> known = List.of(keys);
        String takes = known.isEmpty() ? "no arguments" : String.join(", ", known);
        if (!expression.positional().isEmpty()) {
            throw new IllegalArgumentException("write arguments as key=value (" + expression.function() + " takes " + takes + ")");
        }
        for (String key : expression.named().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(expression.function() + " has no argument \"" + key + "\""
                        + Suggestions.didYouMean(key, known) + " (it takes " + takes + ")");
            }
        }
    }

    private Optional<String> text(String key) { return Optional.ofNullable(expression.named().get(key)); }

    private double number(String key, double fallback) {
        return text(key).map(value -> parseNumber(key, value)).orElse(fallback);
    }

    private double required(String key) {
        return parseNumber(key, text(key).orElseThrow(() -> missing(key)));
    }

    private double above(String key, double min) {
        double value = required(key);
        if (value <= min) throw new IllegalArgumentException(key + " must be above min");
        return value;
    }

    private double nonNegative(String key, double fallback) {
        double value = number(key, fallback);
        if (value < 0) throw new IllegalArgumentException(key + " must not be negative");
        return value;
    }

    private static double parseNumber(String key, String value) {
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) return number;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number, not \"" + value + "\"");
    }

    private double seconds(String key, double fallback) {
        return text(key).map(value -> Durations.parse(value).map(Durations::seconds).orElseThrow(() ->
                new IllegalArgumentException(key + " must be a duration (" + Durations.EXAMPLES + "; plain numbers are seconds), not \""
                        + value + "\""))).orElse(fallback);
    }

    private double positiveSeconds(String key, double fallback) {
        double seconds = seconds(key, fallback);
        if (seconds <= 0) throw new IllegalArgumentException(key + " must be longer than zero");
        return seconds;
    }

    private double per() {
        String value = text("per").orElse("h");
        double unit = Durations.unitMillis(value);
        return unit > 0 ? unit / 1000 : positiveSeconds("per", 3600);
    }

    /** A number, or the address of a numeric point of this controller. */
    private Source source(String key) {
        String value = text(key).orElseThrow(() -> missing(key));
        try {
            double number = Double.parseDouble(value);
            if (Double.isFinite(number)) return new Constant(number);
        } catch (NumberFormatException notANumber) {
            // then it names a point
        }
        return reference(key);
    }

    private Source reference(String key) {
        String address = text(key).orElseThrow(() -> missing(key));
        List<Point> points = controller.points();
        for (int i = 0; i < points.size(); i++) {
            Point candidate = points.get(i);
            if (candidate.address().equalsIgnoreCase(address)) {
                if (candidate.type() == PointType.STRING) {
                    throw new IllegalArgumentException(key + " names string point " + candidate.address() + "; it must be numeric");
                }
                return new PointRef(i, candidate.address());
            }
        }
        throw new IllegalArgumentException("no point \"" + address + "\" in controller " + controller.name()
                + Suggestions.didYouMean(address, points.stream().map(Point::address).toList()));
    }

    private int timeOfDay(String key, int fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) return fallback;
        String[] parts = text.get().split(":");
        try {
            if (parts.length >= 2 && parts.length <= 3) {
                int hour = Integer.parseInt(parts[0]);
                int minute = Integer.parseInt(parts[1]);
                int second = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
                int total = hour * 3600 + minute * 60 + second;
                if (hour >= 0 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && total <= 86_400) {
                    return total == 86_400 ? 0 : total;
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a time of day such as 06:00, not \"" + text.get() + "\"");
    }

    /** {@code Mon-Fri}, {@code Sat+Sun}, {@code Mon-Wed+Fri}; commas cannot be used, they separate arguments. */
    static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split("\\+")) {
            String[] range = part.split("-", -1);
            if (range.length > 2) throw badDays(text);
            DayOfWeek from = day(range[0], text);
            DayOfWeek to = range.length == 2 ? day(range[1], text) : from;
            for (DayOfWeek day = from; ; day = day.plus(1)) {
                days.add(day);
                if (day == to) break;
            }
        }
        return days;
    }

    private static DayOfWeek day(String name, String text) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (wanted.length() >= 2) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().toLowerCase(Locale.ROOT).startsWith(wanted)) return day;
            }
        }
        throw badDays(text);
    }

    private static IllegalArgumentException badDays(String text) {
        return new IllegalArgumentException("days must look like Mon-Fri, Sat+Sun or Mon-Wed+Fri, not \"" + text + "\"");
    }

    private IllegalArgumentException missing(String key) {
        return new IllegalArgumentException(expression.function() + " needs " + key + "=…");
    }
}
