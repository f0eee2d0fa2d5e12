package io.vakt.core.live;

import io.vakt.core.driver.PointResolver;
import io.vakt.core.driver.RecordingDriver;
import io.vakt.core.driver.ResolvedPoint;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.model.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads watching, closing, polling and pushing samples on many addresses at once, on a real scheduler
 * and clock. Afterwards every address without watchers must be unadvised once the linger has passed, and
 * every count must balance.
 */
class LiveValuesConcurrencyTest {
    private static final int ADDRESSES = 48;
    private static final int THREADS = 8;
    private static final int OPERATIONS = 4000;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final RecordingDriver driver = new RecordingDriver();
    private final List<Point> points = new ArrayList<>();
    private final List<TechnicalAddress> addresses = new ArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void countsBalanceAndIdleAddressesAreUnadvisedAfterConcurrentChurn() throws Exception {
        Map<String, ResolvedPoint> resolved = new HashMap<>();
        for (int i = 0; i < ADDRESSES; i++) {
            Point point = TestProject.point("P" + i, PointType.INTEGER, false, null, null);
            TechnicalAddress address = new TechnicalAddress("AHU1", point.address());
            points.add(point);
            addresses.add(address);
            resolved.put(address.key(), new ResolvedPoint(address, point, driver));
        }
        PointResolver resolver = address -> Optional.ofNullable(resolved.get(address.key()));
        LiveValuesConfig config = new LiveValuesConfig(50, Duration.ofMillis(20), Duration.ofMillis(15));
        LiveValues hub = new LiveValues(config, resolver, scheduler, Clock.systemUTC());
        driver.sink((point, sample) -> hub.accept(new TechnicalAddress("AHU1", point.address()), sample));

        long baseSeed = Long.getLong("vakt.seed", System.nanoTime());
        List<String> problems = new CopyOnWriteArrayList<>();
        Map<Integer, List<Watch>> keptOpen = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                Random random = new Random(baseSeed + thread);
                List<Watch> open = new ArrayList<>();
                List<Integer> openIndex = new ArrayList<>();
                try {
                    start.await();
                    for (int op = 0; op < OPERATIONS; op++) {
                        int a = random.nextInt(ADDRESSES);
                        switch (random.nextInt(10)) {
                            case 0, 1, 2 -> {
                                open.add(hub.watch(addresses.get(a), new OrderChecker(addresses.get(a), problems)));
                                openIndex.add(a);
                            }
                            case 3, 4, 5 -> {
                                if (!open.isEmpty()) {
                                    int i = random.nextInt(open.size());
                                    open.remove(i).close();
                                    openIndex.remove(i);
                                }
                            }
                            case 6 -> hub.poll(addresses.get(a));
                            default -> {
                                Sample sample = random.nextInt(8) == 0
                                        ? new Sample(null, SampleStatus.UNREACHABLE, java.time.Instant.now())
                                        : Sample.good((long) random.nextInt(5), java.time.Instant.now());
                                driver.push(points.get(a), sample);
                            }
                        }
                        if (op % 500 == 0) Thread.sleep(random.nextInt(3));
                    }
                    // thread 0 keeps its watches to the end; the others close theirs
                    if (thread == 0) {
                        for (int i = 0; i < open.size(); i++) {
                            keptOpen.computeIfAbsent(openIndex.get(i), k -> new CopyOnWriteArrayList<>()).add(open.get(i));
                        }
                    } else {
                        open.forEach(Watch::close);
                    }
                } catch (Throwable e) {
                    problems.add("thread " + thread + ": " + e);
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) thread.join(60_000);
        String seed = "seed " + baseSeed + " (repeat with -Dvakt.seed=" + baseSeed + ")";
        assertThat(threads).as("threads finished, " + seed).noneMatch(Thread::isAlive);
        assertThat(problems).as(seed).isEmpty();

        // addresses with watchers stay advised; all others go once the linger and leases have passed
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(hub.advisedCount()).as(seed).isEqualTo(keptOpen.size()));
        for (int i = 0; i < ADDRESSES; i++) {
            assertThat(driver.isAdvised(points.get(i))).as("P%d, %s", i, seed).isEqualTo(keptOpen.containsKey(i));
        }

        keptOpen.values().forEach(watches -> watches.forEach(Watch::close));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(hub.advisedCount()).isZero();
            assertThat(driver.advised()).isEmpty();
        });
        for (Point point : points) {
            assertThat(driver.unadviseCount(point)).as("%s, %s", point.address(), seed).isEqualTo(driver.adviseCount(point));
        }
        long driverAdvises = points.stream().mapToLong(driver::adviseCount).sum();
        assertThat(hub.stats().advises()).as(seed).isEqualTo(driverAdvises).isEqualTo(hub.stats().unadvises());
        assertThat(driver.violations()).as(seed).isEmpty();
        assertThat(hub.stats().updatesOut()).as("some values flowed").isPositive();
        scheduler.shutdown();
        assertThat(scheduler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Checks that one watcher sees only its own address, with strictly increasing sequence numbers. */
    private static final class OrderChecker implements Watcher {
        private final TechnicalAddress address;
        private final List<String> problems;
        private long last = -1;

        OrderChecker(TechnicalAddress address, List<String> problems) {
            this.address = address;
            this.problems = problems;
        }

        @Override
        public synchronized void onValue(LiveValue value) {
            if (!value.address().equals(address)) problems.add(address + " got a value of " + value.address());
            if (value.sequence() <= last) problems.add(address + ": sequence " + value.sequence() + " after " + last);
            last = value.sequence();
        }
    }
}
