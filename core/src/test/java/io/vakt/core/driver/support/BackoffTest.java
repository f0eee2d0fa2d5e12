package io.vakt.core.driver.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void delaysDoubleFromTheFirstWithinAFifthEitherWay() {
        for (int failures = 1; failures <= 5; failures++) {
            long nominal = 1000L << (failures - 1);
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delay(failures).toMillis()).isBetween(nominal * 8 / 10, nominal * 12 / 10);
            }
        }
    }

    @Test
    void delaysNeverExceedTheMaximumEvenAfterManyFailures() {
        for (int failures : new int[] {6, 10, 31, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(failures)).isLessThanOrEqualTo(Duration.ofSeconds(30))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(24));
        }
    }

    @Test
    void refusesAMaximumBelowTheFirstDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
