package io.vakt.server.auth;

import io.vakt.store.UserRecord;
import io.vakt.store.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.Normalizer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory snapshot of every user, so that checking a token on an event loop never waits for the
 * database. The snapshot is reloaded on the blocking executor every {@code interval} and whenever
 * {@link #refreshNow()} is called (after a user was created, changed or deleted through the server); changes
 * made by another process (the {@code vakt user} CLI) show within one interval. Thread-safe.
 */
public final class UserDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private final UserRepository users;
    private final ScheduledExecutorService timer;
    private final Executor blocking;
    private final Duration interval;
    private final AtomicLong reloadsStarted = new AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(0, Map.of());
    private volatile ScheduledFuture<?> periodic;

    /**
     * Nothing is loaded or scheduled until {@link #start()}.
     *
     * @param timer    only fires the periodic reload; the reload itself runs on {@code blocking}
     * @param blocking runs the database reads
     * @param interval time between periodic reloads, positive
     */
    public UserDirectory(UserRepository users, ScheduledExecutorService timer, Executor blocking, Duration interval) {
        this.users = Objects.requireNonNull(users, "users");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("user directory refresh interval must be positive, was " + interval);
        }
    }

    /**
     * Loads the users now and then every interval. The server should wait for the returned stage before it
     * accepts requests, or every token is refused until the first load completes.
     */
    public synchronized CompletionStage<Void> start() {
        if (periodic == null) {
            long millis = interval.toMillis();
            periodic = timer.scheduleWithFixedDelay(this::refreshInBackground, millis, millis, TimeUnit.MILLISECONDS);
        }
        return refreshNow();
    }

    /** Reloads every user on the blocking executor; the stage completes once the new snapshot is in use. */
    public CompletionStage<Void> refreshNow() {
        long sequence = reloadsStarted.incrementAndGet();
        return CompletableFuture.runAsync(() -> publish(sequence, users.list()), blocking);
    }

    /** The user with this name in any letter case, as of the last reload. */
    public Optional<UserRecord> find(String username) {
        if (username == null) return Optional.empty();
        return Optional.ofNullable(snapshot.byKey().get(key(username)));
    }

    /** How many users the snapshot holds. */
    public int size() { return snapshot.byKey().size(); }

    /**
     * Puts one user, just read from the store, into the snapshot. Login calls it so that a user created by
     * the CLI a moment ago can use the token it was given without waiting for the next reload.
     */
    public synchronized void learn(UserRecord user) {
        Map<String, UserRecord> next = new HashMap<>(snapshot.byKey());
        next.put(key(user.username()), user);
        snapshot = new Snapshot(snapshot.sequence(), Map.copyOf(next));
    }

    /** Stops the periodic reload; a reload already running still completes. */
    @Override
    public synchronized void close() {
        if (periodic != null) periodic.cancel(false);
    }

    private void refreshInBackground() {
        refreshNow().exceptionally(e -> {
            log.warn("Could not reload the user directory, keeping the previous snapshot: {}", e.getMessage());
            return null;
        });
    }

    // Reloads may finish out of order; a slower, older one must not replace what a newer one found
    private synchronized void publish(long sequence, List<UserRecord> list) {
        if (sequence < snapshot.sequence()) return;
        Map<String, UserRecord> byKey = new HashMap<>();
        for (UserRecord user : list) byKey.put(key(user.username()), user);
        snapshot = new Snapshot(sequence, Map.copyOf(byKey));
    }

    // The store's rule: NFC-normalised, lower-cased
    private static String key(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private record Snapshot(long sequence, Map<String, UserRecord> byKey) {}
}
