package io.vakt.server.auth;

import ch.qos.logback.classic.Level;
import io.vakt.server.config.VaktConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    static final VaktConfig.Login SETTINGS = new VaktConfig.Login(3, Duration.ofMinutes(15), Duration.ofSeconds(30));

    final MutableClock clock = MutableClock.atSomeMoment();
    final LoginThrottle throttle = new LoginThrottle(SETTINGS, clock);

    @Test
    void theFreeFailuresCostNothingAndTheNextAttemptWaitsOneSecond() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.delayFor("alice", "10.0.0.1")).isZero();
            throttle.recordFailure("alice", "10.0.0.1");
        }
        assertThat(throttle.delayFor("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withNoFreeFailuresOnlyTheFirstAttemptIsFree() {
        LoginThrottle strict = new LoginThrottle(new VaktConfig.Login(0, Duration.ofMinutes(15), Duration.ofSeconds(30)), clock);
        assertThat(strict.delayFor("alice", "10.0.0.1")).isZero();

        strict.recordFailure("alice", "10.0.0.1");

        assertThat(strict.delayFor("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void delaysDoubleAfterTheFreeFailuresUpToTheCap() {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            throttle.recordFailure("alice", "10.0.0.1");
            delays.add(throttle.delayFor("alice", "10.0.0.1"));
        }

        assertThat(delays).map(Duration::toSeconds)
                .containsExactly(0L, 0L, 1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L, 30L, 30L);
    }

    @Test
    void aHugeFailureCountStaysAtTheCap() {
        assertThat(throttle.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void countsFailuresPerUserWhateverTheAddressAndLetterCase() {
        for (int i = 0; i < 5; i++) throttle.recordFailure(i % 2 == 0 ? "Alice" : "ALICE", "10.0.0." + i);

        assertThat(throttle.delayFor("alice", "192.168.1.1")).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.delayFor("bob", "192.168.1.1")).isZero();
    }

    @Test
    void countsFailuresPerAddressWhateverTheUser() {
        for (int i = 0; i < 6; i++) throttle.recordFailure("user" + i, "10.0.0.1");

        assertThat(throttle.delayFor("someone", "10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.delayFor("someone", "10.0.0.2")).isZero();
    }

    @Test
    void theLargerOfTheUsersAndTheAddressesDelayApplies() {
        for (int i = 0; i < 5; i++) throttle.recordFailure("alice", "10.0.0." + i);
        for (int i = 0; i < 7; i++) throttle.recordFailure("user" + i, "10.9.9.9");

        assertThat(throttle.delayFor("alice", "10.9.9.9")).isEqualTo(Duration.ofSeconds(16));
        assertThat(throttle.delayFor("alice", "10.1.1.1")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aSuccessClearsTheUsersCountButNotTheAddresses() {
        for (int i = 0; i < 5; i++) throttle.recordFailure("alice", "10.0.0.1");

        throttle.recordSuccess("Alice", "10.0.0.1");

        assertThat(throttle.delayFor("alice", "10.0.0.2")).isZero();
        assertThat(throttle.delayFor("bob", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void countsAreForgottenOnceTheirWindowHasPassed() {
        for (int i = 0; i < 5; i++) throttle.recordFailure("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15).minusMillis(1));
        assertThat(throttle.delayFor("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));

        clock.advance(Duration.ofMillis(1));

        assertThat(throttle.delayFor("alice", "10.0.0.1")).isZero();
        assertThat(throttle.trackedKeys()).isZero();
    }

    @Test
    void memoryIsBoundedByEvictingTheOldestKeys() {
        LoginThrottle small = new LoginThrottle(SETTINGS, clock, 3);
        for (int i = 0; i < 5; i++) small.recordFailure("target", "10.0.0.1");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            small.recordFailure("other" + i, "10.0.0." + (i + 2));
        }

        assertThat(small.trackedKeys()).isEqualTo(6);
        assertThat(small.delayFor("target", "10.9.9.9")).isZero();
    }

    @Test
    void logsRepeatedFailuresAtWarnWithWhoWhereHowManyAndTheDelay() {
        try (LogCapture log = new LogCapture(LoginThrottle.class)) {
            for (int i = 0; i < 5; i++) throttle.recordFailure("alice", "10.0.0.1");

            List<String> warnings = log.messages(Level.WARN);
            assertThat(warnings).hasSize(3);
            assertThat(warnings.get(2)).contains("'alice'", "'10.0.0.1'", "5 failures for the user and 5 from the address",
                    "within 15 min", "delayed by 4 s");
            assertThat(log.messages(Level.INFO)).hasSize(2);
            assertThat(log.events()).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContainIgnoringCase("password"));
        }
    }

    @Test
    void keepsControlCharactersOfAUsernameOutOfTheLog() {
        try (LogCapture log = new LogCapture(LoginThrottle.class)) {
            throttle.recordFailure("alice\nFAKE LINE", "10.0.0.1");

            assertThat(log.messages(Level.INFO)).singleElement().asString().doesNotContain("\n").contains("alice?FAKE LINE");
        }
    }
}
