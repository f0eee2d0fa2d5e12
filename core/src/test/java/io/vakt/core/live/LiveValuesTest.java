package io.vakt.core.live;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.live.HubFixture.Recorder;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.path.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.vakt.core.live.HubFixture.address;
import static io.vakt.core.live.HubFixture.config;
import static io.vakt.core.model.TestProject.GT11;
import static io.vakt.core.model.TestProject.GT11_SP;
import static io.vakt.core.model.TestProject.RUNMODE;
import static io.vakt.core.model.TestProject.SEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The LiveValues hub: advise on demand, cached values, throttling, de-duplication (spec §5.3, §5.4). */
class LiveValuesTest {

    // --- advise on demand -----------------------------------------------------------------------------------

    @Test
    void firstWatcherAdvisesOnce() {
        HubFixture f = new HubFixture(config(1, 30, 30));
        f.watch(GT11, new Recorder());
        assertThat(f.driver.calls()).containsExactly("advise GT11");
        f.watch(GT11, new Recorder());
        f.watch(GT11, new Recorder());
        assertThat(f.driver.adviseCount(GT11)).isEqualTo(1);
        assertThat(f.hub.advisedCount()).isEqualTo(1);
        assertThat(f.hub.stats().advises()).isEqualTo(1);
    }

    @Test
    void lastWatcherLeavingUnadvisesOnlyAfterTheLinger() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Watch first = f.watch(GT11, new Recorder());
        Watch second = f.watch(GT11, new Recorder());
        first.close();
        f.scheduler.advance(Duration.ofMinutes(5));
        assertThat(f.driver.unadviseCount(GT11)).as("one watcher left").isZero();
        second.close();
        f.scheduler.advance(Duration.ofMillis(29_999));
        assertThat(f.driver.unadviseCount(GT11)).isZero();
        assertThat(f.hub.advisedCount()).isEqualTo(1);
        f.scheduler.advance(Duration.ofMillis(1));
        assertThat(f.driver.calls()).containsExactly("advise GT11", "unadvise GT11");
        assertThat(f.hub.advisedCount()).isZero();
        assertThat(f.hub.stats().unadvises()).isEqualTo(1);
        assertThat(f.hub.cached(address(GT11))).isEmpty();
    }

    @Test
    void newWatcherWithinTheLingerCancelsItAndGetsTheCachedValue() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Watch first = f.watch(GT11, new Recorder());
        f.push(GT11, 21.5);
        first.close();
        f.scheduler.advance(Duration.ofSeconds(20));
        Watch second = f.watch(GT11, new Recorder());
        assertThat(second.initial().value()).isEqualTo(21.5);
        assertThat(second.initial().type()).isEqualTo(UpdateType.Update);
        f.scheduler.advance(Duration.ofMinutes(10));
        assertThat(f.driver.calls()).containsExactly("advise GT11");
        assertThat(f.scheduler.pendingTasks()).isZero();
        second.close();
        f.scheduler.advance(Duration.ofSeconds(30));
        assertThat(f.driver.calls()).containsExactly("advise GT11", "unadvise GT11");
    }

    @Test
    void closingAWatchTwiceRemovesOnlyItsOwnRegistration() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        Recorder shared = new Recorder();
        Watch first = f.watch(GT11, shared);
        f.watch(GT11, shared);
        first.close();
        first.close();
        f.push(GT11, 1.0);
        assertThat(shared.plain()).containsExactly(1.0);
        f.scheduler.advance(Duration.ofMinutes(1));
        assertThat(f.driver.unadviseCount(GT11)).isZero();
    }

    @Test
    void adviseIsNotCalledUnderTheVariablesLock() throws Exception {
        // A driver that publishes what it polls (a Modbus block, say) while holding its own lock must not
        // deadlock with a first watcher whose advise waits for that lock.
        HubFixture f = new HubFixture(config(0, 30, 10));
        Recorder recorder = new Recorder();
        assertNoDeadlock(f, () -> f.watch(GT11, recorder), () -> f.hub.accept(address(GT11), Sample.good(9.0, Instant.EPOCH)));
        assertThat(f.driver.calls()).containsExactly("advise GT11");
        assertThat(recorder.plain()).containsExactly(9.0);
    }

    @Test
    void unadviseIsNotCalledUnderTheVariablesLock() throws Exception {
        HubFixture f = new HubFixture(config(0, 30, 10));
        f.watch(GT11, new Recorder()).close();
        assertNoDeadlock(f, () -> f.scheduler.advance(Duration.ofSeconds(30)),
                () -> f.hub.accept(address(GT11), Sample.good(9.0, Instant.EPOCH)));
        assertThat(f.driver.calls()).containsExactly("advise GT11", "unadvise GT11");
    }

    /**
     * Runs {@code hubSide} while another thread holds the driver's lock; once the hub side waits for that
     * lock, the other thread runs {@code driverSide} (a sample delivery) before letting go.
     */
    private static void assertNoDeadlock(HubFixture f, Runnable hubSide, Runnable driverSide) throws Exception {
        CountDownLatch driverLocked = new CountDownLatch(1);
        Thread driverThread = Thread.ofPlatform().daemon().start(() -> {
            f.driver.lockDriver();
            try {
                driverLocked.countDown();
                try {
                    await().atMost(Duration.ofSeconds(2)).until(f.driver::hasThreadsWaitingForLock);
                } catch (org.awaitility.core.ConditionTimeoutException ignored) {
                    // the hub side never needed the driver's lock: nothing to race with
                }
                driverSide.run();
            } finally {
                f.driver.unlockDriver();
            }
        });
        assertThat(driverLocked.await(5, TimeUnit.SECONDS)).isTrue();
        Thread hubThread = Thread.ofPlatform().daemon().start(hubSide);
        hubThread.join(10_000);
        driverThread.join(10_000);
        assertThat(hubThread.isAlive() || driverThread.isAlive()).as("hub and driver deadlocked").isFalse();
    }

    // --- initial state --------------------------------------------------------------------------------------

    @Test
    void initialIsPendingUntilTheFirstValue() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        f.scheduler.advance(Duration.ofSeconds(3));
        Watch watch = f.watch(GT11, new Recorder());
        assertThat(watch.initial().type()).isEqualTo(UpdateType.Pending);
        assertThat(watch.initial().value()).isNull();
        assertThat(watch.initial().sequence()).isZero();
        assertThat(watch.initial().timestamp()).isEqualTo(f.now());
        assertThat(watch.initial().address()).isEqualTo(address(GT11));
    }

    @Test
    void initialIsTheCachedValueForALaterWatcher() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Recorder first = new Recorder();
        f.watch(GT11, first);
        f.push(GT11, 20.0);
        Watch later = f.watch(GT11, new Recorder());
        assertThat(later.initial()).isSameAs(first.last());
        assertThat(f.hub.cached(address(GT11))).contains(first.last());
    }

    @Test
    void unknownAddressIsErrorNotExistWithoutDriverCall() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Watch watch = f.hub.watch(new TechnicalAddress("AHU9", "GT11"), new Recorder());
        assertThat(watch.initial().type()).isEqualTo(UpdateType.ErrorNotExist);
        assertThat(watch.initial().value()).isNull();
        assertThat(watch.initial().timestamp()).isEqualTo(f.now());
        assertThat(f.hub.poll(new TechnicalAddress("AHU1", "NOPE")).type()).isEqualTo(UpdateType.ErrorNotExist);
        assertThat(f.driver.calls()).isEmpty();
        assertThat(f.hub.advisedCount()).isZero();
        watch.close();
        f.scheduler.advance(Duration.ofMinutes(1));
        assertThat(f.driver.calls()).isEmpty();
    }

    @Test
    void addressesMatchIgnoringCase() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        Recorder recorder = new Recorder();
        f.hub.watch(new TechnicalAddress("ahu1", "gt11"), recorder);
        f.push(GT11, 3.0);
        assertThat(recorder.plain()).containsExactly(3.0);
        assertThat(recorder.last().address()).hasToString("AHU1.GT11");
        assertThat(f.driver.adviseCount(GT11)).isEqualTo(1);
    }

    // --- throttle -------------------------------------------------------------------------------------------

    // The throttle windows form a fixed grid per variable, starting half a window before its first update
    // (docs/architecture.md "Throttle"): with 1/s, windows run [-0.5 s, 0.5 s), [0.5 s, 1.5 s), ...

    @Test
    void tenSamplesInOneWindowYieldTheFirstAtOnceAndOnlyTheNewestAtTheWindowsEnd() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        for (int i = 1; i <= 10; i++) {
            f.push(GT11, (double) i);
            if (i < 10) f.scheduler.advanceMillis(50);
        }
        assertThat(recorder.plain()).containsExactly(1.0);
        f.scheduler.advanceMillis(49);
        assertThat(recorder.plain()).containsExactly(1.0);
        f.scheduler.advanceMillis(1);
        assertThat(recorder.plain()).containsExactly(1.0, 10.0);
        assertThat(recorder.last().timestamp()).as("the sample's own time").isEqualTo(ManualScheduler.EPOCH.plusMillis(450));
        f.scheduler.advance(Duration.ofSeconds(5));
        assertThat(recorder.size()).isEqualTo(2);
        assertThat(f.hub.stats().samplesIn()).isEqualTo(10);
        assertThat(f.hub.stats().updatesOut()).isEqualTo(2);
        assertThat(f.hub.stats().coalesced()).isEqualTo(8);
    }

    @Test
    void aFastSourceGetsOneStatePerWindowAndTheNewestAtEachWindowsEnd() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        List<Long> deliveredAt = new ArrayList<>();
        Recorder recorder = new Recorder() {
            @Override
            public synchronized void onValue(LiveValue value) {
                super.onValue(value);
                deliveredAt.add(TimeUnit.NANOSECONDS.toMillis(f.scheduler.nanoTime()));
            }
        };
        f.watch(GT11, recorder);
        for (int i = 0; i < 50; i++) {
            f.push(GT11, (double) i);
            f.scheduler.advanceMillis(100);
        }
        f.scheduler.advanceMillis(1000);
        assertThat(deliveredAt).containsExactly(0L, 500L, 1500L, 2500L, 3500L, 4500L, 5500L);
        assertThat(recorder.plain()).containsExactly(0.0, 4.0, 14.0, 24.0, 34.0, 44.0, 49.0);
    }

    @Test
    void aSourceChangingOncePerWindowIsNeverHeldBack() {
        Seeded.run("jittered 1 Hz source", random -> {
            HubFixture f = new HubFixture(config(1, 30, 10));
            Recorder recorder = new Recorder();
            f.watch(GT11, recorder);
            f.push(GT11, 0.0);
            long at = 0;
            for (int i = 1; i <= 100; i++) {
                long next = i * 1000L + random.nextInt(601) - 300;
                f.scheduler.advanceMillis(next - at);
                at = next;
                f.push(GT11, (double) i);
                assertThat(recorder.size()).as("sample %d at %d ms delivered at once", i, at).isEqualTo(i + 1);
            }
        });
    }

    @Test
    void aSampleInAWindowThatAlreadyHadOneWaitsForItsEnd() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.push(GT11, 1.0);
        f.scheduler.advanceMillis(500);
        f.push(GT11, 2.0);
        assertThat(recorder.plain()).as("a new window began at 0.5 s").containsExactly(1.0, 2.0);
        f.scheduler.advanceMillis(500);
        f.push(GT11, 3.0);
        f.scheduler.advanceMillis(499);
        assertThat(recorder.plain()).containsExactly(1.0, 2.0);
        f.scheduler.advanceMillis(1);
        assertThat(recorder.plain()).containsExactly(1.0, 2.0, 3.0);
        f.scheduler.advanceMillis(2000);
        f.push(GT11, 4.0);
        assertThat(recorder.plain()).as("quiet windows have passed").containsExactly(1.0, 2.0, 3.0, 4.0);
    }

    @Test
    void unthrottledDeliversEverySample() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        List<Object> pushed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            f.push(GT11, (double) i);
            pushed.add((double) i);
        }
        assertThat(recorder.plain()).containsExactlyElementsOf(pushed);
        assertThat(f.hub.stats().coalesced()).isZero();
        assertThat(f.scheduler.pendingTasks()).isZero();
    }

    @Test
    void configuredRateOfFivePerSecondIsKept() {
        HubFixture f = new HubFixture(config(5, 30, 10));
        List<Long> deliveredAt = new ArrayList<>();
        Recorder recorder = new Recorder() {
            @Override
            public synchronized void onValue(LiveValue value) {
                super.onValue(value);
                deliveredAt.add(TimeUnit.NANOSECONDS.toMillis(f.scheduler.nanoTime()));
            }
        };
        f.watch(GT11, recorder);
        for (int i = 0; i < 200; i++) {
            f.push(GT11, (double) i);
            f.scheduler.advanceMillis(10);
        }
        f.scheduler.advanceMillis(200);
        // windows of 200 ms from -100 ms: the first update at once, then one at the end of every window
        assertThat(deliveredAt.getFirst()).isZero();
        for (int i = 1; i < deliveredAt.size(); i++) assertThat(deliveredAt.get(i)).isEqualTo(100L + 200L * (i - 1));
        assertThat(deliveredAt).hasSize(12).last().isEqualTo(2100L);
        long inOneSecond = deliveredAt.stream().filter(t -> t >= 100 && t < 1100).count();
        assertThat(inOneSecond).as("5 per second once running").isEqualTo(5);
        assertThat(recorder.last().value()).isEqualTo(199.0);
    }

    @Test
    void theWindowAfterAnAdviseFailureRunsFromTheErrorState() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        f.driver.failAdvise(new IllegalStateException("bus fault"));
        f.scheduler.advanceMillis(100);
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.scheduler.advanceMillis(100);
        f.push(GT11, 5.0);
        f.scheduler.advanceMillis(399);
        assertThat(recorder.values).extracting(LiveValue::type).containsExactly(UpdateType.UnknownError);
        f.scheduler.advanceMillis(1);
        assertThat(recorder.plain()).as("the error's window ends at 0.6 s").containsExactly(null, 5.0);
    }

    @Test
    void throttlingWorksForAnyNanoTimeOrigin() {
        // System.nanoTime() may be negative; a window measured from an unset time would then never end
        for (long origin : new long[]{Long.MIN_VALUE / 2, -1, 0, Long.MAX_VALUE / 2}) {
            HubFixture f = new HubFixture(config(1, 30, 10), origin);
            f.driver.failAdvise(new IllegalStateException("bus fault"));
            Recorder recorder = new Recorder();
            f.watch(GT11, recorder);
            f.scheduler.advanceMillis(1500);
            f.push(GT11, 5.0);
            assertThat(recorder.plain()).as("origin %d", origin).containsExactly(null, 5.0);
            f.push(GT11, 6.0);
            f.scheduler.advanceMillis(1000);
            assertThat(recorder.plain()).as("origin %d", origin).containsExactly(null, 5.0, 6.0);
        }
    }

    // --- repeats --------------------------------------------------------------------------------------------

    @Test
    void repeatedSamplesAreNotSentAgain() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.push(GT11, 5.0);
        f.scheduler.advanceMillis(3000);
        f.push(GT11, 5.0);
        f.push(GT11, 5.0);
        assertThat(recorder.plain()).containsExactly(5.0);
        f.push(GT11, SampleStatus.UNREACHABLE);
        assertThat(recorder.size()).isEqualTo(2);
        assertThat(f.hub.stats().samplesIn()).isEqualTo(4);
    }

    @Test
    void errorStatesKeepTheTimeTheyBegan() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.push(GT11, SampleStatus.UNREACHABLE);
        Instant began = f.now();
        for (int i = 0; i < 5; i++) {
            f.scheduler.advance(Duration.ofSeconds(2));
            f.push(GT11, SampleStatus.UNREACHABLE);
        }
        assertThat(recorder.size()).isEqualTo(1);
        assertThat(f.hub.cached(address(GT11)).orElseThrow().timestamp()).isEqualTo(began);
        Watch later = f.watch(GT11, new Recorder());
        assertThat(later.initial().timestamp()).isEqualTo(began);
        assertThat(later.initial().type()).isEqualTo(UpdateType.ErrorUnreachable);
    }

    @Test
    void aValueThatChangesAndChangesBackInsideAWindowIsNotSentAgain() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.push(GT11, 1.0);
        f.scheduler.advanceMillis(100);
        f.push(GT11, 2.0);
        f.scheduler.advanceMillis(100);
        f.push(GT11, 1.0);
        f.scheduler.advanceMillis(2000);
        assertThat(recorder.plain()).containsExactly(1.0);
        f.push(GT11, 3.0);
        assertThat(recorder.plain()).containsExactly(1.0, 3.0);
    }

    // --- delivery -------------------------------------------------------------------------------------------

    @Test
    void watchersSeeStatesInOrderWithIncreasingSequence() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        f.watch(GT11, a);
        f.watch(GT11, b);
        List<Object> pushed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (i % 7 == 3) {
                f.push(GT11, SampleStatus.UNREACHABLE);
                pushed.add(null);
            } else {
                f.push(GT11, (double) i);
                pushed.add((double) i);
            }
        }
        for (Recorder recorder : List.of(a, b)) {
            assertThat(recorder.plain()).containsExactlyElementsOf(pushed);
            for (int i = 1; i < recorder.values.size(); i++) {
                assertThat(recorder.values.get(i).sequence()).isGreaterThan(recorder.values.get(i - 1).sequence());
            }
            assertThat(recorder.values.getFirst().sequence()).isPositive();
        }
    }

    @Test
    void aThrowingWatcherDoesNotStopOthers() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        f.watch(GT11, value -> { throw new IllegalStateException("broken watcher"); });
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.push(GT11, 1.0);
        f.push(GT11, 2.0);
        assertThat(recorder.plain()).containsExactly(1.0, 2.0);
    }

    @Test
    void samplesOfUnadvisedAddressesAreDropped() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        f.push(GT11, 1.0);
        assertThat(f.hub.cached(address(GT11))).isEmpty();
        f.watch(GT11, new Recorder()).close();
        f.scheduler.advance(Duration.ofSeconds(30));
        f.push(GT11, 2.0);
        assertThat(f.hub.cached(address(GT11))).isEmpty();
        assertThat(f.hub.stats().samplesIn()).isZero();
        Recorder other = new Recorder();
        f.watch(SEC, other);
        f.push(GT11, 3.0);
        assertThat(other.values).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"GOOD,Update", "UNREACHABLE,ErrorUnreachable", "NOT_EXIST,ErrorNotExist", "ERROR,UnknownError"})
    void sampleStatusMapsToUpdateType(SampleStatus status, UpdateType type) {
        HubFixture f = new HubFixture(config(0, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.driver.push(GT11, new Sample(status == SampleStatus.GOOD ? 4.0 : null, status, f.now()));
        assertThat(recorder.last().type()).isEqualTo(type);
        assertThat(recorder.last().type().carriesValue()).isEqualTo(status == SampleStatus.GOOD);
    }

    @Test
    void updateTypesHaveTheLegacyCodes() {
        assertThat(UpdateType.Response.code()).isEqualTo(1);
        assertThat(UpdateType.Update.code()).isEqualTo(2);
        assertThat(UpdateType.ErrorNotExist.code()).isEqualTo(3);
        assertThat(UpdateType.ErrorUnreachable.code()).isEqualTo(4);
        assertThat(UpdateType.Pending.code()).isEqualTo(5);
        assertThat(UpdateType.UnknownError.code()).isEqualTo(8);
    }

    @Test
    void adviseFailureIsReportedAsUnknownError() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        f.driver.failAdvise(new IllegalStateException("no such register"));
        Recorder recorder = new Recorder();
        Watch watch = f.watch(GT11, recorder);
        assertThat(recorder.last().type()).isEqualTo(UpdateType.UnknownError);
        assertThat(recorder.last().sequence()).isGreaterThan(watch.initial().sequence());
        assertThat(f.hub.cached(address(GT11)).orElseThrow().type()).isEqualTo(UpdateType.UnknownError);
    }

    // --- polling --------------------------------------------------------------------------------------------

    @Test
    void pollAdvisesWithALeaseAndTheEntryStaysUntilTheLeaseHasRunOut() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        assertThat(f.hub.poll(address(GT11)).type()).isEqualTo(UpdateType.Pending);
        assertThat(f.driver.calls()).containsExactly("advise GT11");
        f.push(GT11, 7.0);
        f.scheduler.advance(Duration.ofSeconds(5));
        LiveValue second = f.hub.poll(address(GT11));
        assertThat(second.value()).isEqualTo(7.0);
        f.scheduler.advance(Duration.ofMillis(14_999 - 5_000));
        assertThat(f.hub.advisedCount()).as("lease renewed at 5 s runs to 15 s").isEqualTo(1);
        f.scheduler.advance(Duration.ofMillis(1));
        assertThat(f.driver.calls()).containsExactly("advise GT11", "unadvise GT11");
    }

    @Test
    void aPollDoesNotCutALingerShort() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        f.watch(GT11, new Recorder()).close();
        f.scheduler.advance(Duration.ofSeconds(1));
        f.hub.poll(address(GT11));
        f.scheduler.advance(Duration.ofMillis(28_999));
        assertThat(f.hub.advisedCount()).isEqualTo(1);
        f.scheduler.advance(Duration.ofMillis(1));
        assertThat(f.hub.advisedCount()).isZero();
        assertThat(f.driver.unadviseCount(GT11)).isEqualTo(1);
    }

    @Test
    void aLeaseLongerThanTheLingerKeepsTheEntry() {
        HubFixture f = new HubFixture(config(0, 30, 60));
        f.hub.poll(address(GT11));
        f.scheduler.advance(Duration.ofSeconds(1));
        f.watch(GT11, new Recorder()).close();
        f.scheduler.advance(Duration.ofMillis(58_999));
        assertThat(f.hub.advisedCount()).isEqualTo(1);
        f.scheduler.advance(Duration.ofMillis(1));
        assertThat(f.hub.advisedCount()).isZero();
    }

    @Test
    void aWatcherOutlivingTheLeaseKeepsTheEntry() {
        HubFixture f = new HubFixture(config(0, 30, 10));
        f.hub.poll(address(GT11));
        Watch watch = f.watch(GT11, new Recorder());
        f.scheduler.advance(Duration.ofMinutes(5));
        assertThat(f.hub.advisedCount()).isEqualTo(1);
        watch.close();
        f.scheduler.advance(Duration.ofSeconds(30));
        assertThat(f.hub.advisedCount()).isZero();
        assertThat(f.driver.calls()).containsExactly("advise GT11", "unadvise GT11");
    }

    // --- close ----------------------------------------------------------------------------------------------

    @Test
    void closeUnadvisesEverything() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Recorder recorder = new Recorder();
        f.watch(GT11, recorder);
        f.watch(GT11_SP, new Recorder());
        f.watch(SEC, new Recorder()).close();
        f.hub.poll(address(RUNMODE));
        f.push(GT11, 1.0);
        f.scheduler.advanceMillis(100);
        f.push(GT11, 2.0);
        f.hub.close();
        assertThat(f.driver.advised()).isEmpty();
        assertThat(f.driver.calls("unadvise")).hasSize(4);
        assertThat(f.hub.advisedCount()).isZero();
        f.scheduler.advance(Duration.ofMinutes(5));
        f.push(GT11, 3.0);
        assertThat(recorder.plain()).as("nothing after close, not even the held value").containsExactly(1.0);
        assertThat(f.driver.violations()).isEmpty();
        assertThat(f.hub.stats().unadvises()).isEqualTo(f.hub.stats().advises());
    }

    @Test
    void watchAfterTheLingerAdvisesAgain() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        f.watch(GT11, new Recorder()).close();
        f.scheduler.advance(Duration.ofSeconds(30));
        Watch again = f.watch(GT11, new Recorder());
        assertThat(again.initial().type()).isEqualTo(UpdateType.Pending);
        assertThat(f.driver.calls()).containsExactly("advise GT11", "unadvise GT11", "advise GT11");
        assertThat(f.driver.violations()).isEmpty();
    }

    @Test
    void aWatcherLeavingMidWindowGetsNothingMore() {
        HubFixture f = new HubFixture(config(1, 30, 10));
        Recorder leaving = new Recorder();
        Recorder staying = new Recorder();
        Watch watch = f.watch(GT11, leaving);
        f.watch(GT11, staying);
        f.push(GT11, 1.0);
        f.push(GT11, 2.0);
        watch.close();
        f.scheduler.advanceMillis(1000);
        assertThat(leaving.plain()).containsExactly(1.0);
        assertThat(staying.plain()).containsExactly(1.0, 2.0);
    }

    @Test
    void configRefusesNegativeSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LiveValuesConfig(-1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LiveValuesConfig(1, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LiveValuesConfig.defaults().maxUpdatesPerSecond()).isEqualTo(1.0);
        assertThat(LiveValuesConfig.defaults().windowNanos()).isEqualTo(1_000_000_000L);
        assertThat(config(0, 1, 1).windowNanos()).isZero();
        assertThat(config(4, 1, 1).windowNanos()).isEqualTo(250_000_000L);
    }

    @Test
    void timestampsAreUtcSecondsWithoutZone() {
        assertThat(Timestamps.format(Instant.parse("2019-09-26T12:00:12.987Z"))).isEqualTo("2019-09-26T12:00:12");
    }
}
