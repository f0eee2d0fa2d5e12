package io.vakt.server.diag;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded upgrade log behind {@code recentUpgrades}. */
class UpgradeLogTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void keepsOnlyTheNewestAttemptsItHasRoomFor() {
        UpgradeLog log = new UpgradeLog(Clock.fixed(NOW, ZoneOffset.UTC), 4);
        for (int i = 0; i < 10; i++) log.record(attempt("192.0.2.1", "/e" + i, NOW));

        assertThat(log.recent("192.0.2.1")).extracting(UpgradeAttempt::endpoint).containsExactly("/e9", "/e8", "/e7", "/e6");
    }

    @Test
    void showsOnlyTheCallersRecentAttemptsAtMostTwenty() {
        UpgradeLog log = new UpgradeLog(Clock.fixed(NOW, ZoneOffset.UTC));
        log.record(attempt("192.0.2.1", "/old", NOW.minus(Duration.ofMinutes(11))));
        for (int i = 0; i < 25; i++) log.record(attempt("192.0.2.1", "/e" + i, NOW.minusSeconds(25 - i)));
        log.record(attempt("192.0.2.2", "/other", NOW));

        List<UpgradeAttempt> recent = log.recent("192.0.2.1");
        assertThat(recent).hasSize(UpgradeLog.MAX_SHOWN);
        assertThat(recent.getFirst().endpoint()).isEqualTo("/e24");
        assertThat(recent).extracting(UpgradeAttempt::endpoint).doesNotContain("/old", "/other");
        assertThat(log.recent("192.0.2.3")).isEmpty();
    }

    private static UpgradeAttempt attempt(String client, String endpoint, Instant at) {
        return new UpgradeAttempt(at, client, endpoint, true, "Upgrade", null, List.of("wamp.2.json"), UpgradeOutcome.UPGRADED);
    }
}
