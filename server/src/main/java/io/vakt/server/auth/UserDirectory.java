package io.vakt.server.auth;

import io.vakt.store.UserRecord;
import io.vakt.store.UserRepository;

import java.text.Normalizer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An in-memory snapshot of every user, so that checking a token on an event loop never waits for the
 * database. The snapshot is reloaded on the blocking executor every {@code interval} and whenever
 * {@link #refreshNow()} is called (after a user was created, changed or deleted through the server); changes
 * made by another process (the {@code vakt user} CLI) show within one interval. Thread-safe.
 */
public final class UserDirectory implements AutoCloseable {
    private final ReloadingSnapshot<Map<String, UserRecord>> snapshot;

    /**
     * Nothing is loaded or scheduled until {@link #start()}.
     *
     * @param timer    only fires the periodic reload; the reload itself runs on {@code blocking}
     * @param blocking runs the database reads
     * @param interval time between periodic reloads, positive
     */
    public UserDirectory(UserRepository users, ScheduledExecutorService timer, Executor blocking, Duration interval) {
        Objects.requireNonNull(users, "users");
        this.snapshot = new ReloadingSnapshot<>("user directory", () -> byKey(users.list()), Map.of(), timer, blocking,
                interval);
    }

    /**
     * Loads the users now and then every interval. The server should wait for the returned stage before it
     * accepts requests, or every token is refused until the first load completes.
     */
    public CompletionStage<Void> start() { return snapshot.start(); }

    /** Reloads every user on the blocking executor; the stage completes once the new snapshot is in use. */
    public CompletionStage<Void> refreshNow() { return snapshot.refreshNow(); }

    /** The user with this name in any letter case, as of the last reload. */
    public Optional<UserRecord> find(String username) {
        if (username == null) return Optional.empty();
        return Optional.ofNullable(snapshot.current().get(key(username)));
    }

    /** How many users the snapshot holds. */
    public int size() { return snapshot.current().size(); }

    /**
     * Puts one user, just read from the store, into the snapshot. Login calls it so that a user created by
     * the CLI a moment ago can use the token it was given without waiting for the next reload.
     */
    public void learn(UserRecord user) {
        snapshot.update(current -> {
            Map<String, UserRecord> next = new HashMap<>(current);
            next.put(key(user.username()), user);
            return Map.copyOf(next);
        });
    }

    /** Stops the periodic reload; a reload already running still completes. */
    @Override
    public void close() { snapshot.close(); }

    private static Map<String, UserRecord> byKey(List<UserRecord> list) {
        Map<String, UserRecord> byKey = new HashMap<>();
        for (UserRecord user : list) byKey.put(key(user.username()), user);
        return Map.copyOf(byKey);
    }

    // The store's rule: NFC-normalised, lower-cased
    private static String key(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
