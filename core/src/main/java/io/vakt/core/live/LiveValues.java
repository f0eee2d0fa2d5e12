package io.vakt.core.live;

import io.vakt.core.driver.PointResolver;
import io.vakt.core.driver.ResolvedPoint;
import io.vakt.core.driver.Sample;
import io.vakt.core.model.TechnicalAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The LiveValues hub: one entry per technical address holding the latest state and its watchers.
 *
 * <ul>
 *   <li><b>Advise on demand.</b> The first watcher advises the point at its driver; when the last one has
 *       gone (and any poll lease has run out) the point stays advised for a linger, then is unadvised.</li>
 *   <li><b>Last value cached.</b> A new watcher starts from the cached state, or {@code Pending} while the
 *       first value is awaited, or {@code ErrorNotExist} for an address no controller has.</li>
 *   <li><b>Throttle per variable.</b> At most {@link LiveValuesConfig#maxUpdatesPerSecond} states per
 *       second reach watchers; a state arriving inside the window is held and the newest one is sent at
 *       the window's end, so the last value always arrives.</li>
 *   <li><b>Repeats dropped.</b> A sample with the same value and type as the newest one is not sent again;
 *       error states therefore keep the time they began (spec §5.4, grey- and black-listed variables).</li>
 * </ul>
 *
 * Watchers are called under the entry's monitor, so each sees the states of one variable in order.
 */
public final class LiveValues implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveValues.class);

    private final LiveValuesConfig config;
    private final PointResolver resolver;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, VariableEntry> entries = new ConcurrentHashMap<>();
    private final HubStats stats = new HubStats();

    public LiveValues(LiveValuesConfig config, PointResolver resolver, ScheduledExecutorService scheduler, Clock clock) {
        this(config, resolver, scheduler, clock, System::nanoTime);
    }

    LiveValues(LiveValuesConfig config, PointResolver resolver, ScheduledExecutorService scheduler, Clock clock,
               LongSupplier nanoTime) {
        this.config = config;
        this.resolver = resolver;
        this.scheduler = scheduler;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    public LiveValuesConfig config() { return config; }

    public HubStats stats() { return stats; }

    /** Number of addresses currently advised at their drivers. */
    public int advisedCount() {
        int count = 0;
        for (VariableEntry entry : entries.values()) {
            synchronized (entry) {
                if (entry.advised) count++;
            }
        }
        return count;
    }

    /** Registers a watcher; see {@link Watch#initial()} for the state it starts from. */
    public Watch watch(TechnicalAddress address, Watcher watcher) {
        while (true) {
            VariableEntry entry = entryFor(address);
            synchronized (entry) {
                if (entry.removed) continue;
                entry.addWatcher(watcher);
                cancelLinger(entry);
                adviseIfNeeded(entry);
                LiveValue initial = stateOf(entry);
                return new EntryWatch(entry, watcher, initial);
            }
        }
    }

    /**
     * The state for a polling client ({@code data} query): the cached value or {@code Pending}, keeping the
     * variable advised for the poll lease so the next poll finds a value (spec §5.4 polling alternative).
     */
    public LiveValue poll(TechnicalAddress address) {
        while (true) {
            VariableEntry entry = entryFor(address);
            synchronized (entry) {
                if (entry.removed) continue;
                long now = nanoTime.getAsLong();
                entry.leaseUntilNanos = now + config.pollLease().toNanos();
                adviseIfNeeded(entry);
                if (entry.watchers.length == 0) scheduleLinger(entry, config.pollLease().toNanos());
                return stateOf(entry);
            }
        }
    }

    /** The cached state, if the address is advised or lingering. */
    public Optional<LiveValue> cached(TechnicalAddress address) {
        VariableEntry entry = entries.get(address.key());
        if (entry == null) return Optional.empty();
        synchronized (entry) {
            return Optional.ofNullable(entry.current);
        }
    }

    /** Delivers a sample from a driver. Samples of addresses nobody watches any more are dropped. */
    public void accept(TechnicalAddress address, Sample sample) {
        VariableEntry entry = entries.get(address.key());
        if (entry == null) return;
        synchronized (entry) {
            if (!entry.advised) return;
            stats.samplesIn.increment();
            LiveValue candidate = new LiveValue(entry.address, sample.value(), typeOf(sample), sample.time(),
                    entry.sequence + 1);
            if (candidate.sameStateAs(entry.latest)) return;
            entry.sequence++;
            boolean heldBack = entry.latest != entry.current;
            entry.latest = candidate;
            if (entry.flushScheduled) {
                if (heldBack) stats.coalesced.increment();
                return;
            }
            long window = config.windowNanos();
            long now = nanoTime.getAsLong();
            long sinceLast = now - entry.lastEmitNanos;
            if (window == 0 || entry.current == null || sinceLast >= window) {
                emit(entry, now);
            } else {
                entry.flushScheduled = true;
                scheduler.schedule(() -> flush(entry), window - sinceLast, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void flush(VariableEntry entry) {
        synchronized (entry) {
            entry.flushScheduled = false;
            if (entry.latest != entry.current && !entry.removed) emit(entry, nanoTime.getAsLong());
        }
    }

    private void emit(VariableEntry entry, long now) {
        entry.current = entry.latest;
        entry.lastEmitNanos = now;
        stats.updatesOut.increment();
        for (Watcher watcher : entry.watchers) {
            try {
                watcher.onValue(entry.current);
            } catch (RuntimeException e) {
                log.warn("Watcher of {} failed on an update; other watchers still get it", entry.address, e);
            }
        }
    }

    private VariableEntry entryFor(TechnicalAddress address) {
        return entries.computeIfAbsent(address.key(), key -> {
            Optional<ResolvedPoint> point = resolver.resolve(address);
            VariableEntry entry = new VariableEntry(point.map(ResolvedPoint::address).orElse(address), point.orElse(null));
            entry.leaseUntilNanos = nanoTime.getAsLong();
            if (point.isEmpty()) {
                // black-listed from the start: the time it entered the list is now (spec §5.4)
                entry.current = entry.latest = new LiveValue(entry.address, null, UpdateType.ErrorNotExist,
                        clock.instant(), 1);
                entry.sequence = 1;
            }
            return entry;
        });
    }

    private void adviseIfNeeded(VariableEntry entry) {
        if (entry.advised || entry.point == null) return;
        entry.advised = true;
        stats.advises.increment();
        try {
            entry.point.driver().advise(entry.point.point());
        } catch (RuntimeException e) {
            log.warn("Driver refused to advise {}: {}", entry.address, e.toString());
            entry.sequence++;
            entry.current = entry.latest = new LiveValue(entry.address, null, UpdateType.UnknownError,
                    clock.instant(), entry.sequence);
        }
    }

    private LiveValue stateOf(VariableEntry entry) {
        return entry.current != null ? entry.current : LiveValue.pending(entry.address, clock.instant());
    }

    private void release(VariableEntry entry, Watcher watcher) {
        synchronized (entry) {
            if (!entry.removeWatcher(watcher) || entry.watchers.length > 0) return;
            long now = nanoTime.getAsLong();
            long leaseLeft = Math.max(0, entry.leaseUntilNanos - now);
            scheduleLinger(entry, Math.max(leaseLeft, config.linger().toNanos()));
        }
    }

    private void scheduleLinger(VariableEntry entry, long delayNanos) {
        cancelLinger(entry);
        entry.lingerTask = scheduler.schedule(() -> expire(entry), delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void cancelLinger(VariableEntry entry) {
        if (entry.lingerTask != null) {
            entry.lingerTask.cancel(false);
            entry.lingerTask = null;
        }
    }

    private void expire(VariableEntry entry) {
        synchronized (entry) {
            long now = nanoTime.getAsLong();
            if (entry.removed || entry.watchers.length > 0) return;
            if (!entry.idle(now)) {
                scheduleLinger(entry, entry.leaseUntilNanos - now);
                return;
            }
            remove(entry);
        }
    }

    private void remove(VariableEntry entry) {
        synchronized (entry) {
            entry.removed = true;
            entries.remove(entry.address.key(), entry);
            if (entry.advised) {
                entry.advised = false;
                stats.unadvises.increment();
                try {
                    entry.point.driver().unadvise(entry.point.point());
                } catch (RuntimeException e) {
                    log.warn("Driver failed to unadvise {}: {}", entry.address, e.toString());
                }
            }
        }
    }

    private static UpdateType typeOf(Sample sample) {
        return switch (sample.status()) {
            case GOOD -> UpdateType.Update;
            case UNREACHABLE -> UpdateType.ErrorUnreachable;
            case NOT_EXIST -> UpdateType.ErrorNotExist;
            case ERROR -> UpdateType.UnknownError;
        };
    }

    /** Unadvises everything; watchers get nothing more. */
    @Override
    public void close() {
        for (VariableEntry entry : entries.values()) {
            synchronized (entry) {
                cancelLinger(entry);
                entry.watchers = new Watcher[0];
                remove(entry);
            }
        }
    }

    private final class EntryWatch implements Watch {
        private final VariableEntry entry;
        private final Watcher watcher;
        private final LiveValue initial;

        EntryWatch(VariableEntry entry, Watcher watcher, LiveValue initial) {
            this.entry = entry;
            this.watcher = watcher;
            this.initial = initial;
        }

        @Override
        public LiveValue initial() { return initial; }

        @Override
        public void close() { release(entry, watcher); }
    }
}
