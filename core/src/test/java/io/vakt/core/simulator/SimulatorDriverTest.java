package io.vakt.core.simulator;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.LoadedProject;
import io.vakt.core.project.ProjectLoader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Advise, publish, read and write as the hub sees them. */
class SimulatorDriverTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static SimHarness harness() {
        return new SimHarness(
                TestPoint.real("GT11").sim("drift(target=GT11_SP, tau=60)"),
                TestPoint.real("GT11_SP").writable().range(14, 26).initial("18"),
                TestPoint.real("GT21").initial("21"),
                TestPoint.string("NOTE").writable().initial("hello"));
    }

    private static Fault faultOf(CompletionStage<?> stage) {
        Throwable failure = catchThrowable(() -> stage.toCompletableFuture().join());
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(VaktException.class);
        return ((VaktException) failure.getCause()).fault();
    }

    @Test
    void adviseDeliversTheFirstValueAtTheNextTick() {
        try (SimHarness sim = harness()) {
            sim.driver.advise(sim.point("GT21"));
            assertThat(sim.published).as("Pending until the next tick, like a real poll").isEmpty();

            sim.tick(SECOND);
            assertThat(sim.samplesOf("GT21")).singleElement().satisfies(sample -> {
                assertThat(sample.status()).isEqualTo(SampleStatus.GOOD);
                assertThat(sample.value()).isEqualTo(21.0);
                assertThat(sample.time()).isEqualTo(sim.now);
            });
        }
    }

    @Test
    void onlyAdvisedPointsArePublished() {
        try (SimHarness sim = harness()) {
            sim.driver.advise(sim.point("gt11"));
            sim.tick(SECOND);
            sim.driver.write(sim.point("GT11_SP"), 24.0).toCompletableFuture().join();
            sim.ticks(20, SECOND);

            assertThat(sim.published).extracting(SimHarness.Published::address).containsOnly("GT11");
            assertThat(sim.samplesOf("GT11")).hasSizeGreaterThan(5);
        }
    }

    @Test
    void unchangedValuesAreNotPublishedAgain() {
        try (SimHarness sim = harness()) {
            sim.driver.advise(sim.point("GT21"));
            sim.ticks(10, SECOND);
            assertThat(sim.samplesOf("GT21")).hasSize(1);
        }
    }

    @Test
    void unadviseStopsPublishingAndAdvisingAgainDeliversAFreshValue() {
        try (SimHarness sim = harness()) {
            sim.driver.advise(sim.point("GT11"));
            sim.driver.write(sim.point("GT11_SP"), 26.0).toCompletableFuture().join();
            sim.ticks(3, SECOND);
            int before = sim.published.size();

            sim.driver.unadvise(sim.point("GT11"));
            sim.ticks(10, SECOND);
            assertThat(sim.published).hasSize(before);

            sim.driver.advise(sim.point("GT11"));
            sim.tick(SECOND);
            assertThat(sim.published).hasSize(before + 1);
        }
    }

    @Test
    void writePublishesAtOnceWhenAdvised() {
        try (SimHarness sim = harness()) {
            sim.driver.advise(sim.point("GT11_SP"));
            sim.tick(SECOND);
            sim.driver.write(sim.point("GT11_SP"), 22.5).toCompletableFuture().join();

            assertThat(sim.samplesOf("GT11_SP")).extracting(Sample::value).containsExactly(18.0, 22.5);
            sim.driver.write(sim.point("NOTE"), "filter changed").toCompletableFuture().join();
            assertThat(sim.value("NOTE")).isEqualTo("filter changed");
        }
    }

    @Test
    void writeAcceptsTextAndOtherNumberTypes() {
        try (SimHarness sim = harness()) {
            sim.driver.write(sim.point("GT11_SP"), "20,5").toCompletableFuture().join();
            assertThat(sim.value("GT11_SP")).isEqualTo(20.5);
            sim.driver.write(sim.point("GT11_SP"), 21L).toCompletableFuture().join();
            assertThat(sim.value("GT11_SP")).isEqualTo(21.0);
        }
    }

    @Test
    void writeOfAPointThatIsNotWritableIsRefused() {
        try (SimHarness sim = harness()) {
            assertThat(faultOf(sim.driver.write(sim.point("GT21"), 20.0))).isEqualTo(Fault.NOT_WRITABLE);
        }
    }

    @Test
    void writeOutsideTheRangeIsRefused() {
        try (SimHarness sim = harness()) {
            assertThat(faultOf(sim.driver.write(sim.point("GT11_SP"), 30.0))).isEqualTo(Fault.OUT_OF_RANGE);
            assertThat(faultOf(sim.driver.write(sim.point("GT11_SP"), 13.9))).isEqualTo(Fault.OUT_OF_RANGE);
            assertThat(sim.value("GT11_SP")).isEqualTo(18.0);
        }
    }

    @Test
    void writeOfAValueOfTheWrongTypeIsRefused() {
        try (SimHarness sim = harness()) {
            assertThat(faultOf(sim.driver.write(sim.point("GT11_SP"), "warm"))).isEqualTo(Fault.INVALID_VALUE);
        }
    }

    @Test
    void readCompletesOnTheSchedulerWithTheCurrentSample() {
        try (SimHarness sim = harness()) {
            Sample sample = sim.read("GT11_SP");
            assertThat(sample.status()).isEqualTo(SampleStatus.GOOD);
            assertThat(sample.value()).isEqualTo(18.0);

            Point unknown = new Point("GT99", PointType.REAL, "", false, null, null, "", Map.of(), SourceRef.UNKNOWN);
            assertThat(sim.driver.read(unknown).toCompletableFuture().join().status()).isEqualTo(SampleStatus.NOT_EXIST);
        }
    }

    @Test
    void advisedPointsGoUnreachableAndRecover() {
        try (SimHarness sim = new SimHarness(SimHarness.MONDAY_NOON,
                Map.of("seed", "42", "unreachableChance", "0.1", "unreachableFor", "3s-5s"),
                TestPoint.real("SP").writable().initial("20"))) {
            sim.driver.advise(sim.point("SP"));
            for (int i = 0; i < 200 && lastStatus(sim) != SampleStatus.UNREACHABLE; i++) sim.tick(SECOND);

            assertThat(lastStatus(sim)).isEqualTo(SampleStatus.UNREACHABLE);
            assertThat(sim.samplesOf("SP").getLast().value()).isNull();
            assertThat(sim.read("SP").status()).isEqualTo(SampleStatus.UNREACHABLE);
            assertThat(faultOf(sim.driver.write(sim.point("SP"), 21.0))).isEqualTo(Fault.UNREACHABLE);

            for (int i = 0; i < 5 && lastStatus(sim) != SampleStatus.GOOD; i++) sim.tick(SECOND);
            assertThat(lastStatus(sim)).as("outages last 3 to 5 s").isEqualTo(SampleStatus.GOOD);
            assertThat(sim.samplesOf("SP").getLast().value()).isEqualTo(20.0);
        }
    }

    private static SampleStatus lastStatus(SimHarness sim) {
        List<Sample> samples = sim.samplesOf("SP");
        return samples.isEmpty() ? null : samples.getLast().status();
    }

    @Test
    void unadvisedPointsNeverGoUnreachable() {
        try (SimHarness sim = new SimHarness(SimHarness.MONDAY_NOON, Map.of("seed", "42", "unreachableChance", "1"),
                TestPoint.real("SP").initial("20"))) {
            sim.ticks(20, SECOND);
            assertThat(sim.read("SP").status()).isEqualTo(SampleStatus.GOOD);
        }
    }

    @Test
    void createTicksOnTheSchedulerAndCloseStopsIt() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Controller controller = new Controller("SIM", "Test", "simulator", Map.of("interval", "20ms"),
                    List.of(TestPoint.integer("MS").sim("clock(millis)").build()), SourceRef.UNKNOWN);
            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            Driver driver = new SimulatorDriverFactory().create(
                    new DriverContext(controller, (point, sample) -> samples.add(sample), scheduler, Clock.systemUTC()));
            driver.advise(controller.points().getFirst());

            await().atMost(Duration.ofSeconds(5)).until(() -> samples.size() >= 3);
            driver.close();
            int afterClose = samples.size();
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> samples.size() == afterClose);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void everyDemoControllerSimulatesItsPoints() {
        LoadedProject demo = new ProjectLoader(Map.of("simulator", new SimulatorDriverFactory())).loadDemo();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            for (Controller controller : demo.project().controllers()) {
                List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
                SimulatorDriver driver = new SimulatorDriver(new DriverContext(controller,
                        (point, sample) -> samples.add(sample), scheduler,
                        Clock.fixed(SimHarness.MONDAY_NOON, java.time.ZoneOffset.UTC)));
                controller.points().forEach(driver::advise);
                for (int i = 1; i <= 120; i++) driver.tick(SimHarness.MONDAY_NOON.plusSeconds(i));
                driver.close();

                assertThat(samples).hasSizeGreaterThanOrEqualTo(controller.points().size());
                for (Point point : controller.points()) {
                    Sample sample = driver.read(point).toCompletableFuture().join();
                    // the demo's default unreachableChance lets a few points drop out now and then
                    if (sample.status() == SampleStatus.UNREACHABLE) continue;
                    Object value = sample.value();
                    Class<?> expected = switch (point.type()) {
                        case REAL -> Double.class;
                        case INTEGER, DIGITAL -> Long.class;
                        case STRING -> String.class;
                    };
                    assertThat(value).as(controller.name() + "." + point.address()).isInstanceOf(expected);
                }
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
