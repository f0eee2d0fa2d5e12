package io.vakt.server.wamp;

import io.vakt.server.auth.ReloadingSnapshot;
import io.vakt.store.ServiceKeyRecord;
import io.vakt.store.ServiceKeyRepository;
import io.vakt.store.ServiceKeys;
import io.vakt.store.StoredServiceKey;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An in-memory snapshot of the service keys, by the hash of their key, so that checking a service's key on the
 * WAMP router thread never waits for the database. Reloaded every {@code interval} and on {@link #refreshNow()};
 * keys added, rotated, disabled or removed with {@code vakt service-key} (another process) take effect within
 * one interval. Thread-safe.
 */
public final class ServiceKeyDirectory implements AutoCloseable {
    private final ReloadingSnapshot<Map<String, ServiceKeyRecord>> snapshot;

    /**
     * Nothing is loaded or scheduled until {@link #start()}.
     *
     * @param timer    only fires the periodic reload; the reload itself runs on {@code blocking}
     * @param blocking runs the database reads
     * @param interval time between periodic reloads, positive
     */
    public ServiceKeyDirectory(ServiceKeyRepository keys, ScheduledExecutorService timer, Executor blocking,
                               Duration interval) {
        Objects.requireNonNull(keys, "keys");
        this.snapshot = new ReloadingSnapshot<>("service keys", () -> byHash(keys.listWithHashes()), Map.of(), timer,
                blocking, interval);
    }

    /** Loads the keys now and then every interval; wait for the stage before accepting WAMP sessions. */
    public CompletionStage<Void> start() { return snapshot.start(); }

    /** Reloads every key on the blocking executor; the stage completes once the new snapshot is in use. */
    public CompletionStage<Void> refreshNow() { return snapshot.refreshNow(); }

    /** The enabled service this key belongs to, as of the last reload. Pure computation: one SHA-256. */
    public Optional<ServiceKeyRecord> find(String key) {
        if (!ServiceKeys.looksLikeKey(key)) return Optional.empty();
        ServiceKeyRecord record = snapshot.current().get(ServiceKeys.hash(key));
        return record != null && record.enabled() ? Optional.of(record) : Optional.empty();
    }

    /** How many keys the snapshot holds, disabled ones included. */
    public int size() { return snapshot.current().size(); }

    /** Stops the periodic reload; a reload already running still completes. */
    @Override
    public void close() { snapshot.close(); }

    private static Map<String, ServiceKeyRecord> byHash(List<StoredServiceKey> keys) {
        Map<String, ServiceKeyRecord> byHash = new HashMap<>();
        for (StoredServiceKey key : keys) byHash.put(key.keyHash(), key.record());
        return Map.copyOf(byHash);
    }
}
