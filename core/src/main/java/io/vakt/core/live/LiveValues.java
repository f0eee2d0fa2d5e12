package io.vakt.core.live;

import io.vakt.core.driver.PointResolver;
import io.vakt.core.driver.ResolvedPoint;
import io.vakt.core.driver.Sample;
import io.vakt.core.model.TechnicalAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The LiveValues hub: one entry per technical address holding the latest state and its watchers.
 *
 * <ul>
 *   <li><b>Advise on demand.</b> The first watcher advises the point at its driver; when the last one has
 *       gone (and any poll lease has run out) the point stays advised for a linger, then is unadvised.</li>
 *   <li><b>Last value cached.</b> A new watcher starts from the cached state, or {@code Pending} while the
 *       first value is awaited, or {@code ErrorNotExist} for an address no controller has.</li>
 *   <li><b>Throttle per variable.</b> Each variable has a fixed grid of windows of
 *       {@code 1/maxUpdatesPerSecond} seconds and sends at most one state per window; a state arriving in a
 *       window that already had one is held and the newest one is sent at the window's end, so the last value
 *       always arrives. The grid starts half a window before the first update, so a source changing exactly
 *       once per window is never held, and since the grid never moves, delays cannot accumulate.</li>
 *   <li><b>Repeats dropped.</b> A sample with the same value and type as the newest one is not sent again;
 *       error states therefore keep the time they began (spec §5.4, grey- and black-listed variables).</li>
 * </ul>
 *
 * Watchers are called under the entry's monitor, so each sees the states of one variable in order. Drivers
 * are never called under it: a driver may hold its own lock while it hands a sample to {@link #accept}, so an
 * advise or unadvise made under the monitor could deadlock with that sample. Advise and unadvise calls are
 * queued in the order they are decided and run right after the monitor is released.
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
    /** Advise and unadvise calls in decision order; run by whichever thread finds them waiting. */
    private final ConcurrentLinkedQueue<Runnable> driverCalls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean runningDriverCalls = new AtomicBoolean();

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
        Watch watch;
        while (true) {
            VariableEntry entry = entryFor(address);
            synchronized (entry) {
                if (entry.removed) continue;
                entry.addWatcher(watcher);
                cancelLinger(entry);
                adviseIfNeeded(entry);
                watch = new EntryWatch(entry, watcher, stateOf(entry));
                break;
            }
        }
        runDriverCalls();
        return watch;
    }

    /**
     * The state for a polling client ({@code data} query): the cached value or {@code Pending}, keeping the
     * variable advised for the poll lease so the next poll finds a value (spec §5.4 polling alternative).
     */
    public LiveValue poll(TechnicalAddress address) {
        LiveValue state;
        while (true) {
            VariableEntry entry = entryFor(address);
            synchronized (entry) {
                if (entry.removed) continue;
                long now = nanoTime.getAsLong();
                entry.leaseUntilNanos = now + config.pollLease().toNanos();
                adviseIfNeeded(entry);
                // A linger already running must not be cut short by a shorter lease; when it fires it
                // checks the lease and waits for the rest of it.
                if (entry.watchers.length == 0 && entry.lingerTask == null) {
                    scheduleLinger(entry, config.pollLease().toNanos());
                }
                state = stateOf(entry);
                break;
            }
        }
        runDriverCalls();
        return state;
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
            offer(entry, sample.value(), typeOf(sample), sample.time());
        }
    }

    /** A new state of an advised entry: dropped when it repeats the newest, else sent now or at the window's end. */
    private void offer(VariableEntry entry, Object value, UpdateType type, Instant time) {
        LiveValue candidate = new LiveValue(entry.address, value, type, time, entry.sequence + 1);
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
        if (window == 0 || !entry.emitted) {
            // the grid of throttle windows is placed half a window before the first emission, so a source that
            // changes exactly once per window lands mid-window and is never held back
            entry.gridOrigin = now - window / 2;
            entry.lastWindow = 0;
            emit(entry);
            return;
        }
        long index = Math.floorDiv(now - entry.gridOrigin, window);
        if (index > entry.lastWindow) {
            entry.lastWindow = index;
            emit(entry);
            return;
        }
        entry.flushScheduled = true;
        long windowEnd = entry.gridOrigin + (entry.lastWindow + 1) * window;
        scheduler.schedule(() -> flush(entry), windowEnd - now, TimeUnit.NANOSECONDS);
    }

    private void flush(VariableEntry entry) {
        synchronized (entry) {
            entry.flushScheduled = false;
            if (entry.removed || entry.latest == entry.current) return;
            if (entry.latest.sameStateAs(entry.current)) {
                // changed and changed back inside the window: nothing new to send
                entry.latest = entry.current;
                return;
            }
            // windows are a fixed grid, not anchored at emissions: a late timer or a slow sample never shifts
            // later windows, so delays do not accumulate
            long now = nanoTime.getAsLong();
            entry.lastWindow = Math.max(entry.lastWindow + 1, Math.floorDiv(now - entry.gridOrigin, config.windowNanos()));
            emit(entry);
        }
    }

    private void emit(VariableEntry entry) {
        entry.current = entry.latest;
        entry.emitted = true;
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
            VariableEntry entry = new VariableEntry(key, point.map(ResolvedPoint::address).orElse(address),
                    point.orElse(null));
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

    /** Called under the entry's monitor; the driver call itself waits for {@link #runDriverCalls()}. */
    private void adviseIfNeeded(VariableEntry entry) {
        if (entry.advised || entry.point == null) return;
        entry.advised = true;
        stats.advises.increment();
        ResolvedPoint point = entry.point;
        driverCalls.add(() -> {
            try {
                point.driver().advise(point.point());
            } catch (RuntimeException e) {
                adviseFailed(entry, e);
            }
        });
    }

    private void adviseFailed(VariableEntry entry, RuntimeException e) {
        log.warn("Driver refused to advise {}: {}", entry.address, e.toString());
        synchronized (entry) {
            if (entry.removed || !entry.advised) return;
            offer(entry, null, UpdateType.UnknownError, clock.instant());
        }
    }

    /**
     * Runs the queued driver calls, one thread at a time and in queue order, so an unadvise decided before an
     * advise of the same point reaches the driver first. Never called under an entry's monitor.
     */
    private void runDriverCalls() {
        while (!driverCalls.isEmpty() && runningDriverCalls.compareAndSet(false, true)) {
            try {
                Runnable call;
                while ((call = driverCalls.poll()) != null) call.run();
            } finally {
                runningDriverCalls.set(false);
            }
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
        long generation = entry.lingerGeneration;
        entry.lingerTask = scheduler.schedule(() -> expire(entry, generation), delayNanos, TimeUnit.NANOSECONDS);
    }

    private static void cancelLinger(VariableEntry entry) {
        entry.lingerGeneration++;
        if (entry.lingerTask != null) {
            entry.lingerTask.cancel(false);
            entry.lingerTask = null;
        }
    }

    private void expire(VariableEntry entry, long generation) {
        synchronized (entry) {
            // a linger cancelled or replaced while this run waited for the monitor is no longer in force
            if (entry.removed || generation != entry.lingerGeneration) return;
            entry.lingerTask = null;
            if (entry.watchers.length > 0) return;
            long now = nanoTime.getAsLong();
            if (!entry.idle(now)) {
                scheduleLinger(entry, entry.leaseUntilNanos - now);
                return;
            }
            remove(entry);
        }
        runDriverCalls();
    }

    /** Called under the entry's monitor; the unadvise waits for {@link #runDriverCalls()}. */
    private void remove(VariableEntry entry) {
        entry.removed = true;
        entries.remove(entry.key, entry);
        if (entry.advised) {
            entry.advised = false;
            stats.unadvises.increment();
            ResolvedPoint point = entry.point;
            driverCalls.add(() -> {
                try {
                    point.driver().unadvise(point.point());
                } catch (RuntimeException e) {
                    log.warn("Driver failed to unadvise {}: {}", entry.address, e.toString());
                }
            });
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
                if (!entry.removed) remove(entry);
            }
        }
        runDriverCalls();
    }

    private final class EntryWatch implements Watch {
        private final VariableEntry entry;
        private final Watcher watcher;
        private final LiveValue initial;
        private final AtomicBoolean closed = new AtomicBoolean();

        EntryWatch(VariableEntry entry, Watcher watcher, LiveValue initial) {
            this.entry = entry;
            this.watcher = watcher;
            this.initial = initial;
        }

        @Override
        public LiveValue initial() { return initial; }

        /** Idempotent: a second close must not remove another registration of the same watcher. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) release(entry, watcher);
        }
    }
}
