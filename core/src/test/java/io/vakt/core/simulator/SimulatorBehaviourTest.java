package io.vakt.core.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What each {@code sim} function does, with time moved by the test. */
class SimulatorBehaviourTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void holdKeepsTheInitialValue() {
        try (SimHarness sim = new SimHarness(TestPoint.real("SP").initial("21.5"))) {
            sim.ticks(10, SECOND);
            assertThat(sim.value("SP")).isEqualTo(21.5);
        }
    }

    @Test
    void driftStartsAtItsTargetAndConvergesTowardsAWrittenSetpoint() {
        try (SimHarness sim = new SimHarness(
                TestPoint.real("SP").writable().range(14, 26).initial("18"),
                TestPoint.real("GT").sim("drift(target=sp, tau=60)"))) {
            sim.tick(SECOND);
            assertThat(sim.number("GT")).isEqualTo(18.0);

            sim.driver.write(sim.point("SP"), 22.0).toCompletableFuture().join();
            sim.ticks(60, SECOND);
            assertThat(sim.number("GT")).as("one time constant: 63 %% of the step").isCloseTo(20.5, within(0.11));
            sim.ticks(600, SECOND);
            assertThat(sim.number("GT")).isEqualTo(22.0);
        }
    }

    @Test
    void driftAddsNoise() {
        try (SimHarness sim = new SimHarness(TestPoint.real("GT").sim("drift(target=20, tau=60, noise=0.5)"))) {
            sim.ticks(5, SECOND);
            assertThat(sim.number("GT")).isNotEqualTo(20.0).isCloseTo(20.0, within(3.0));
        }
    }

    @Test
    void followTracksGainTimesSourcePlusOffset() {
        try (SimHarness sim = new SimHarness(
                TestPoint.digital("CMD").writable().initial("1"),
                TestPoint.real("SPEED").sim("follow(source=CMD, gain=75, offset=5)"))) {
            sim.tick(SECOND);
            assertThat(sim.number("SPEED")).isEqualTo(80.0);
            sim.driver.write(sim.point("CMD"), 0L).toCompletableFuture().join();
            sim.tick(SECOND);
            assertThat(sim.number("SPEED")).isEqualTo(5.0);
        }
    }

    @Test
    void scheduleIsOnInsideTheWindowOnItsDaysOnly() {
        try (SimHarness sim = new SimHarness(TestPoint.digital("FAN").sim("schedule(on=06:00, off=18:00, days=Mon-Fri)"))) {
            sim.tickAt(Instant.parse("2024-03-04T05:59:59Z"));
            assertThat(sim.value("FAN")).isEqualTo(0L);
            sim.tickAt(Instant.parse("2024-03-04T06:00:00Z"));
            assertThat(sim.value("FAN")).isEqualTo(1L);
            sim.tickAt(Instant.parse("2024-03-08T17:59:59Z"));
            assertThat(sim.value("FAN")).as("Friday").isEqualTo(1L);
            sim.tickAt(Instant.parse("2024-03-08T18:00:00Z"));
            assertThat(sim.value("FAN")).isEqualTo(0L);
            sim.tickAt(Instant.parse("2024-03-09T12:00:00Z"));
            assertThat(sim.value("FAN")).as("Saturday").isEqualTo(0L);
        }
    }

    @Test
    void scheduleMaySpanMidnight() {
        try (SimHarness sim = new SimHarness(TestPoint.digital("NIGHT").sim("schedule(on=22:00, off=06:00, days=Fri)"))) {
            sim.tickAt(Instant.parse("2024-03-08T23:00:00Z"));
            assertThat(sim.value("NIGHT")).isEqualTo(1L);
            sim.tickAt(Instant.parse("2024-03-09T05:00:00Z"));
            assertThat(sim.value("NIGHT")).as("the Friday night goes on into Saturday").isEqualTo(1L);
            sim.tickAt(Instant.parse("2024-03-09T23:00:00Z"));
            assertThat(sim.value("NIGHT")).isEqualTo(0L);
        }
    }

    @Test
    void scheduleUsesTheClocksTimeZone() {
        Instant mondayMorningUtc = Instant.parse("2024-03-04T05:30:00Z");
        try (SimHarness sim = new SimHarness(mondayMorningUtc, Map.of("seed", "1"),
                TestPoint.digital("FAN").sim("schedule(on=06:00, off=18:00)"))) {
            sim.tick(SECOND);
            assertThat(sim.value("FAN")).as("05:30 UTC").isEqualTo(0L);
        }
    }

    @Test
    void timeScaleSpeedsUpSimulatedTime() {
        Instant fiveAm = Instant.parse("2024-03-04T05:00:00Z");
        try (SimHarness sim = new SimHarness(fiveAm, Map.of("seed", "1", "timeScale", "60"),
                TestPoint.digital("FAN").sim("schedule(on=06:00, off=18:00)"))) {
            sim.tick(Duration.ofSeconds(59));
            assertThat(sim.value("FAN")).isEqualTo(0L);
            sim.tick(SECOND);
            assertThat(sim.value("FAN")).as("one real minute is a simulated hour").isEqualTo(1L);
        }
    }

    @Test
    void counterIntegratesItsRate() {
        try (SimHarness sim = new SimHarness(
                TestPoint.real("P").initial("36"),
                TestPoint.real("E").sim("counter(rate=P, per=h)").initial("1000"))) {
            sim.ticks(100, SECOND);
            assertThat(sim.number("E")).isEqualTo(1001.0);
        }
    }

    @Test
    void counterNeverDecreases() {
        try (SimHarness sim = new SimHarness(
                TestPoint.real("RATE").sim("walk(min=-5, max=5, step=3)"),
                TestPoint.real("E").sim("counter(rate=RATE, per=s)").option("decimals", "3"))) {
            double previous = sim.number("E");
            for (int i = 0; i < 500; i++) {
                sim.tick(SECOND);
                double current = sim.number("E");
                assertThat(current).isGreaterThanOrEqualTo(previous);
                previous = current;
            }
            assertThat(previous).isPositive();
        }
    }

    @Test
    void waveIsLowestAtItsPhaseAndHighestHalfAPeriodLater() {
        try (SimHarness sim = new SimHarness(TestPoint.real("GT31").sim("wave(min=-3, max=7, period=24h, phase=4h)"))) {
            sim.tickAt(Instant.parse("2024-03-05T04:00:00Z"));
            assertThat(sim.number("GT31")).isEqualTo(-3.0);
            sim.tickAt(Instant.parse("2024-03-05T16:00:00Z"));
            assertThat(sim.number("GT31")).isEqualTo(7.0);
            sim.tickAt(Instant.parse("2024-03-05T10:00:00Z"));
            assertThat(sim.number("GT31")).isEqualTo(2.0);
        }
    }

    @Test
    void walkStaysWithinItsBounds() {
        try (SimHarness sim = new SimHarness(TestPoint.real("CO2").sim("walk(min=400, max=420, step=10)"))) {
            assertThat(sim.number("CO2")).as("starts in the middle").isEqualTo(410.0);
            for (int i = 0; i < 500; i++) {
                sim.tick(SECOND);
                assertThat(sim.number("CO2")).isBetween(400.0, 420.0);
            }
        }
    }

    @Test
    void clockReportsRealTimeFieldsAndEpochMillis() {
        try (SimHarness sim = new SimHarness(
                TestPoint.integer("SEC").sim("clock(second)"),
                TestPoint.integer("MIN").sim("clock(minute)"),
                TestPoint.integer("HOUR").sim("clock(hour)"),
                TestPoint.integer("MS").sim("clock(millis)"))) {
            sim.driver.advise(sim.point("MS"));
            Instant at = Instant.parse("2024-03-04T13:14:15.678Z");
            sim.tickAt(at);

            assertThat(sim.value("SEC")).isEqualTo(15L);
            assertThat(sim.value("MIN")).isEqualTo(14L);
            assertThat(sim.value("HOUR")).isEqualTo(13L);
            assertThat(sim.samplesOf("MS")).singleElement().satisfies(sample -> {
                assertThat(sample.value()).isEqualTo(at.toEpochMilli());
                assertThat(sample.time()).isEqualTo(at);
            });
        }
    }

    @Test
    void toggleFlipsEveryPeriod() {
        try (SimHarness sim = new SimHarness(TestPoint.digital("WIN").sim("toggle(period=10s)"))) {
            sim.tickAt(Instant.parse("2024-03-04T12:00:01Z"));
            Object first = sim.value("WIN");
            sim.tickAt(Instant.parse("2024-03-04T12:00:11Z"));
            assertThat(sim.value("WIN")).isNotEqualTo(first);
            sim.tickAt(Instant.parse("2024-03-04T12:00:21Z"));
            assertThat(sim.value("WIN")).isEqualTo(first);
        }
    }

    @Test
    void valuesHaveThePointsTypeAndRealsAreRounded() {
        try (SimHarness sim = new SimHarness(
                TestPoint.real("R").initial("1.23456").option("decimals", "2"),
                TestPoint.real("R1").initial("1.25"),
                TestPoint.integer("I").sim("follow(source=R, gain=1)"),
                TestPoint.digital("D").sim("follow(source=R, gain=0.3)"),
                TestPoint.string("S").initial("LB01"))) {
            sim.tick(SECOND);
            assertThat(sim.value("R")).isEqualTo(1.23);
            assertThat(sim.value("R1")).isEqualTo(1.3);
            assertThat(sim.value("I")).isEqualTo(1L);
            assertThat(sim.value("D")).isEqualTo(0L);
            assertThat(sim.value("S")).isEqualTo("LB01");
        }
    }

    @Test
    void computedValuesStayInsideThePointsRange() {
        try (SimHarness sim = new SimHarness(
                TestPoint.real("X").initial("50"),
                TestPoint.real("VALVE").sim("follow(source=X, gain=10)").range(0, 100),
                TestPoint.real("LOW").sim("follow(source=X, gain=-10)").range(0, 100))) {
            sim.tick(SECOND);
            assertThat(sim.value("VALVE")).isEqualTo(100.0);
            assertThat(sim.value("LOW")).isEqualTo(0.0);
        }
    }

    @Test
    void theSameSeedRepeatsTheSameValuesWhateverIsAdvised() {
        Map<String, String> settings = Map.of("seed", "99", "unreachableChance", "0.5");
        try (SimHarness first = new SimHarness(SimHarness.MONDAY_NOON, settings,
                TestPoint.real("W").sim("walk(min=0, max=100, step=5)"), TestPoint.real("V").sim("walk(min=0, max=100, step=5)"));
             SimHarness second = new SimHarness(SimHarness.MONDAY_NOON, settings,
                TestPoint.real("W").sim("walk(min=0, max=100, step=5)"), TestPoint.real("V").sim("walk(min=0, max=100, step=5)"))) {
            second.driver.advise(second.point("W"));
            for (int i = 0; i < 50; i++) {
                first.tick(SECOND);
                second.tick(SECOND);
                assertThat(second.number("V")).isEqualTo(first.number("V"));
            }
            assertThat(second.samplesOf("W")).as("outages of W drew from their own stream").isNotEmpty();
        }
    }
}
