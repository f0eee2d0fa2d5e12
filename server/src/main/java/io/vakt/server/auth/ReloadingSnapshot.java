package io.vakt.server.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A value read from the store on the blocking executor, reloaded every {@code interval} and on
 * {@link #refreshNow()}, and read without waiting: the in-memory snapshots that let event loops and the WAMP
 * router check credentials without touching the database ({@link UserDirectory}, the service-key directory).
 * Changes made by another process (the CLI) show within one interval. Thread-safe.
 *
 * @param <T> an immutable value, e.g. a map built from the rows
 */
public final class ReloadingSnapshot<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadingSnapshot.class);

    private final String name;
    private final Supplier<T> load;
    private final ScheduledExecutorService timer;
    private final Executor blocking;
    private final Duration interval;
    private final AtomicLong reloadsStarted = new AtomicLong();
    private volatile Versioned<T> snapshot;
    private volatile ScheduledFuture<?> periodic;

    /**
     * Nothing is loaded or scheduled until {@link #start()}.
     *
     * @param name     what the value is, for log lines ("user directory")
     * @param load     reads the value; blocks on the store
     * @param initial  the value until the first load completes
     * @param timer    only fires the periodic reload; the reload itself runs on {@code blocking}
     * @param interval time between periodic reloads, positive
     */
    public ReloadingSnapshot(String name, Supplier<T> load, T initial, ScheduledExecutorService timer, Executor blocking,
                             Duration interval) {
        this.name = Objects.requireNonNull(name, "name");
        this.load = Objects.requireNonNull(load, "load");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + " refresh interval must be positive, was " + interval);
        }
        this.snapshot = new Versioned<>(0, initial);
    }

    /** Loads now and then every interval; wait for the stage before relying on the value. */
    public synchronized CompletionStage<Void> start() {
        if (periodic == null) {
            long millis = interval.toMillis();
            periodic = timer.scheduleWithFixedDelay(this::refreshInBackground, millis, millis, TimeUnit.MILLISECONDS);
        }
        return refreshNow();
    }

    /** Reloads on the blocking executor; the stage completes once the new value is in use. */
    public CompletionStage<Void> refreshNow() {
        long sequence = reloadsStarted.incrementAndGet();
        return CompletableFuture.runAsync(() -> publish(sequence, load.get()), blocking);
    }

    /** The value as of the last reload or {@link #update}. */
    public T current() { return snapshot.value(); }

    /** Changes the current value at once, until the next reload replaces it. */
    public synchronized void update(UnaryOperator<T> change) {
        snapshot = new Versioned<>(snapshot.sequence(), change.apply(snapshot.value()));
    }

    /** Stops the periodic reload; a reload already running still completes. */
    @Override
    public synchronized void close() {
        if (periodic != null) periodic.cancel(false);
    }

    private void refreshInBackground() {
        refreshNow().exceptionally(e -> {
            log.warn("Could not reload the {}, keeping the previous snapshot: {}", name, e.getMessage());
            return null;
        });
    }

    // Reloads may finish out of order; a slower, older one must not replace what a newer one found
    private synchronized void publish(long sequence, T value) {
        if (sequence < snapshot.sequence()) return;
        snapshot = new Versioned<>(sequence, value);
    }

    private record Versioned<T>(long sequence, T value) {}
}
