package io.vakt.core.driver.support;

import java.time.Duration;
import java.util.List;

/**
 * The settings every field driver takes for its link to the peer (docs/drivers.md, "Common settings").
 *
 * @param timeout how long a request may go unanswered; after that, or when the connection is lost, the
 *                advised points concerned turn ErrorUnreachable
 * @param backoff delays between reconnect attempts, from {@code reconnectMin} doubling to {@code reconnectMax}
 */
public record LinkSettings(Duration timeout, Backoff backoff) {
    public static final List<String> KEYS = List.of("timeout", "reconnectMin", "reconnectMax");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public static LinkSettings read(SettingReader settings) {
        Duration timeout = settings.duration("timeout", DEFAULT_TIMEOUT, Duration.ofMillis(50), Duration.ofMinutes(2));
        Duration min = settings.duration("reconnectMin", Backoff.defaults().first(), Duration.ofMillis(10), Duration.ofHours(1));
        Duration max = settings.duration("reconnectMax", Backoff.defaults().max().compareTo(min) < 0 ? min : Backoff.defaults().max(),
                Duration.ofMillis(10), Duration.ofHours(1));
        if (max.compareTo(min) < 0) throw settings.bad("reconnectMax", "must not be below reconnectMin (" + Durations.describe(min) + ")");
        return new LinkSettings(timeout, new Backoff(min, max));
    }

    /** {@code KEYS} followed by a driver's own keys, for {@link SettingReader#settings}. */
    public static List<String> withKeys(List<String> driverKeys) {
        return java.util.stream.Stream.concat(driverKeys.stream(), KEYS.stream()).toList();
    }
}
