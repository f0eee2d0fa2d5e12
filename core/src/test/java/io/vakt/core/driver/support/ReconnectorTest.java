package io.vakt.core.driver.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconnectorTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final PeerLink link = new PeerLink("PLC1", "modbus", "127.0.0.1:502", Clock.systemUTC());
    private final Backoff fast = new Backoff(Duration.ofMillis(5), Duration.ofMillis(20));
    private final AtomicBoolean peerUp = new AtomicBoolean(false);
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger connectedCalls = new AtomicInteger();

    @AfterEach
    void stop() { scheduler.shutdownNow(); }

    private CompletionStage<?> attempt() {
        attempts.incrementAndGet();
        return peerUp.get() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new ConnectException("Connection refused"));
    }

    @Test
    void retriesWithBackoffUntilThePeerAnswersThenReportsItUp() {
        Reconnector reconnector = new Reconnector(scheduler, fast, link, this::attempt, connectedCalls::incrementAndGet);
        reconnector.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
        assertThat(link.state()).isEqualTo(PeerLink.State.DOWN);
        assertThat(link.lastProblem()).isEqualTo("Connection refused");
        assertThat(reconnector.isUp()).isFalse();

        peerUp.set(true);
        await().atMost(Duration.ofSeconds(5)).until(reconnector::isUp);
        assertThat(link.state()).isEqualTo(PeerLink.State.CONNECTED);
        assertThat(connectedCalls).hasValue(1);
        assertThat(link.failuresInRow()).isZero();
        reconnector.close();
    }

    @Test
    void aLostConnectionIsReattemptedAndCountedAsAReconnect() {
        peerUp.set(true);
        Reconnector reconnector = new Reconnector(scheduler, fast, link, this::attempt, connectedCalls::incrementAndGet);
        reconnector.start();
        await().atMost(Duration.ofSeconds(5)).until(reconnector::isUp);
        for (int cycle = 1; cycle <= 100; cycle++) {
            reconnector.lost("connection reset");
            assertThat(link.state()).isEqualTo(PeerLink.State.DOWN);
            await().atMost(Duration.ofSeconds(5)).until(reconnector::isUp);
        }
        assertThat(link.reconnects()).isEqualTo(100);
        assertThat(connectedCalls).hasValue(101);
        reconnector.close();
    }

    @Test
    void nothingIsAttemptedAfterClose() {
        Reconnector reconnector = new Reconnector(scheduler, fast, link, this::attempt, connectedCalls::incrementAndGet);
        reconnector.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 2);
        reconnector.close();
        int attemptsAtClose = attempts.get();
        peerUp.set(true);
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> attempts.get() <= attemptsAtClose + 1);
        assertThat(reconnector.isUp()).isFalse();
        assertThat(link.state()).isEqualTo(PeerLink.State.CLOSED);
    }

    @Test
    void anAttemptThatThrowsCountsAsAFailedAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Reconnector reconnector = new Reconnector(scheduler, fast, link, () -> {
            if (calls.incrementAndGet() < 3) throw new IllegalStateException("no route to host");
            return CompletableFuture.completedFuture(null);
        }, () -> {});
        reconnector.start();
        await().atMost(Duration.ofSeconds(5)).until(reconnector::isUp);
        assertThat(calls).hasValue(3);
    }

    @Test
    void reasonIsTheInnermostMessage() {
        Throwable nested = new java.util.concurrent.CompletionException(new RuntimeException(new ConnectException("Connection refused")));
        assertThat(Reconnector.reason(nested)).isEqualTo("Connection refused");
        assertThat(Reconnector.reason(new java.util.concurrent.CompletionException(new java.util.concurrent.TimeoutException())))
                .isEqualTo("TimeoutException");
    }
}
