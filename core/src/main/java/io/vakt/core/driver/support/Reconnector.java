package io.vakt.core.driver.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a driver's connection up: attempts it, and after a failure or a lost connection tries again after a
 * {@link Backoff} delay, reporting every step to the {@link PeerLink}. Only one attempt runs at a time, and
 * nothing runs after {@link #close()}; the timers sit on the assembly's scheduler, so no thread is created per
 * reconnect.
 *
 * <p>The attempt itself is the driver's: it opens the protocol's connection and completes when the peer
 * answered (a Modbus TCP connect, an OPC UA session). When the driver later sees the connection fail it calls
 * {@link #lost(String)}; the driver releases the broken connection itself before or inside its next attempt.
 */
public final class Reconnector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);

    private enum State { IDLE, ATTEMPTING, UP, WAITING, CLOSED }

    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final PeerLink link;
    private final Supplier<CompletionStage<?>> attempt;
    private final Runnable onConnected;
    private State state = State.IDLE;
    private int failures;
    private ScheduledFuture<?> timer;

    /**
     * @param attempt     opens the connection; completes normally once it is usable
     * @param onConnected runs after every successful attempt (re-subscribe, re-read advised points)
     */
    public Reconnector(ScheduledExecutorService scheduler, Backoff backoff, PeerLink link,
                       Supplier<CompletionStage<?>> attempt, Runnable onConnected) {
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.link = link;
        this.attempt = attempt;
        this.onConnected = onConnected;
    }

    /** Makes the first attempt now. */
    public synchronized void start() {
        if (state != State.IDLE) return;
        runAttempt();
    }

    /** The connection broke: mark the link down and plan the next attempt (ignored while one is planned or runs). */
    public synchronized void lost(String reason) {
        if (state != State.UP) return;
        failures = 0;
        scheduleRetry(reason);
    }

    public synchronized boolean isUp() { return state == State.UP; }

    /** Consecutive failed attempts. */
    public synchronized int failures() { return failures; }

    private void runAttempt() {
        state = State.ATTEMPTING;
        CompletionStage<?> stage;
        try {
            stage = attempt.get();
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        stage.whenComplete((ignored, failure) -> {
            if (failure == null) succeeded();
            else failedLater(failure);
        });
    }

    private void succeeded() {
        synchronized (this) {
            if (state == State.CLOSED) return;
            state = State.UP;
            failures = 0;
        }
        link.connected();
        try {
            onConnected.run();
        } catch (RuntimeException e) {
            log.warn("{}: set-up after connecting failed: {}", link, e.toString());
        }
    }

    private synchronized void failedLater(Throwable failure) { failed(failure); }

    private void failed(Throwable failure) {
        if (state == State.CLOSED) return;
        failures++;
        scheduleRetry(reason(failure));
    }

    private void scheduleRetry(String reason) {
        Duration delay = backoff.delay(Math.max(1, failures));
        state = State.WAITING;
        link.down(reason, delay);
        try {
            timer = scheduler.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            state = State.CLOSED;
        }
    }

    private synchronized void retry() {
        if (state != State.WAITING) return;
        runAttempt();
    }

    /** The peer's own words where it gave any: the innermost cause's message. */
    public static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    @Override
    public synchronized void close() {
        state = State.CLOSED;
        if (timer != null) timer.cancel(false);
        link.closed();
    }
}
