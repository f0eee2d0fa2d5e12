package io.vakt.server.wamp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RouterSchedulerTest {
    final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    final RouterScheduler scheduler = new RouterScheduler(thread);

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void runsTasksInOrderAndCarriesOnAfterOneFails() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        scheduler.execute(() -> ran.add(1));
        scheduler.execute(() -> { throw new IllegalStateException("a router bug"); });
        scheduler.execute(() -> ran.add(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly(1, 2);
    }

    @Test
    void timersRunLaterAndCanBeCancelled() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        List<String> cancelled = new CopyOnWriteArrayList<>();
        long start = scheduler.nanoTime();
        scheduler.schedule(Duration.ofMillis(50), fired::countDown);
        scheduler.schedule(Duration.ofMillis(10), () -> cancelled.add("ran")).cancel();
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(cancelled).isEmpty();
    }

    @Test
    void tasksAfterShutdownAreDropped() {
        thread.shutdown();
        scheduler.execute(() -> { });
        scheduler.schedule(Duration.ofSeconds(1), () -> { }).cancel();
    }
}
