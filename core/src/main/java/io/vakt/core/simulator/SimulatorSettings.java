package io.vakt.core.simulator;

import io.vakt.core.driver.support.Durations;

import io.vakt.core.model.Controller;
import io.vakt.core.project.ProjectException;
import io.vakt.core.project.Suggestions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulator's settings of one controller, all optional.
 *
 * @param interval          time between ticks
 * @param seed              random seed, so a run can be repeated; null for a random one
 * @param unreachableChance probability per advised point and tick of dropping out
 * @param unreachableMin    shortest outage
 * @param unreachableMax    longest outage
 * @param timeScale         speed of simulated time against real time (schedules, waves, lags, counters)
 */
record SimulatorSettings(Duration interval, Long seed, double unreachableChance, Duration unreachableMin,
                         Duration unreachableMax, double timeScale) {
    static final List<String> KEYS = List.of("interval", "seed", "unreachableChance", "unreachableFor", "timeScale");
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_INTERVAL = Duration.ofHours(1);

    /** @throws ProjectException naming the line of the first bad setting */
    static SimulatorSettings of(Controller controller) {
        Map<String, String> settings = controller.settings();
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ProjectException(controller.settingSource(key), "unknown simulator setting \"" + key + "\""
                        + Suggestions.didYouMean(key, KEYS) + " (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Duration interval = get(controller, "interval", Duration.ofSeconds(1), Durations::parse);
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw bad(controller, "interval", "must be between 10ms and 1h");
        }
        Long seed = get(controller, "seed", null, text -> Optional.of(Long.parseLong(text.trim())));
        double chance = get(controller, "unreachableChance", 0.0003, text -> Optional.of(Double.parseDouble(text.trim())));
        if (!(chance >= 0 && chance <= 1)) throw bad(controller, "unreachableChance", "must be a probability from 0 to 1");
        Duration[] outage = get(controller, "unreachableFor", new Duration[] {Duration.ofSeconds(5), Duration.ofSeconds(30)},
                SimulatorSettings::range);
        double timeScale = get(controller, "timeScale", 1.0, text -> Optional.of(Double.parseDouble(text.trim())));
        if (!(timeScale > 0 && timeScale <= 1_000_000)) throw bad(controller, "timeScale", "must be above 0 (1 = real time)");
        return new SimulatorSettings(interval, seed, chance, outage[0], outage[1], timeScale);
    }

    /** {@code 5s-30s}, or one duration for outages of a fixed length. */
    private static Optional<Duration[]> range(String text) {
        String[] parts = text.split("-");
        if (parts.length > 2) return Optional.empty();
        Optional<Duration> min = Durations.parse(parts[0]);
        Optional<Duration> max = parts.length == 2 ? Durations.parse(parts[1]) : min;
        if (min.isEmpty() || max.isEmpty() || min.get().compareTo(max.get()) > 0 || min.get().isZero()) {
            return Optional.empty();
        }
        return Optional.of(new Duration[] {min.get(), max.get()});
    }

    private static <T> T get(Controller controller, String key, T fallback, Function<String, Optional<T>> parse) {
        String text = controller.settings().get(key);
        if (text == null) return fallback;
        try {
            return parse.apply(text).orElseThrow(() -> bad(controller, key, expected(key)));
        } catch (NumberFormatException e) {
            throw bad(controller, key, expected(key));
        }
    }

    private static String expected(String key) {
        return switch (key) {
            case "interval" -> "must be a duration (" + Durations.EXAMPLES + ")";
            case "seed" -> "must be a whole number";
            case "unreachableFor" -> "must be a range of durations such as 5s-30s";
            default -> "must be a number";
        };
    }

    private static ProjectException bad(Controller controller, String key, String problem) {
        return new ProjectException(controller.settingSource(key), "setting " + key + " \""
                + controller.settings().getOrDefault(key, "") + "\" " + problem);
    }
}
