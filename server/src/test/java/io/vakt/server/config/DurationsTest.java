package io.vakt.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {
    @Test
    void readsEveryShortUnit() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("25s")).contains(Duration.ofSeconds(25));
        assertThat(Durations.parse("10m")).contains(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).contains(Duration.ofHours(2));
        assertThat(Durations.parse("60d")).contains(Duration.ofDays(60));
    }

    @Test
    void readsFractionsSpacesAndNegatives() {
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse(" 10 s ")).contains(Duration.ofSeconds(10));
        assertThat(Durations.parse("-5s")).contains(Duration.ofSeconds(-5));
    }

    @Test
    void readsIso8601() {
        assertThat(Durations.parse("PT10M")).contains(Duration.ofMinutes(10));
        assertThat(Durations.parse("pt0.5s")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("P60D")).contains(Duration.ofDays(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10x", "30", "", "s", "10M", "1 minute", "PTX", "5s5", "99999999999999999d"})
    void refusesWhatIsNoDuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.format(Duration.ofDays(60))).isEqualTo("60d");
        assertThat(Durations.format(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    }

    @Test
    void formatThenParseGivesTheSameDuration() {
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofHours(49), Duration.ofMillis(86_400_001)}) {
            assertThat(Durations.parse(Durations.format(d))).contains(d);
        }
    }
}
