package io.vakt.core.live;

import io.vakt.core.driver.ResolvedPoint;
import io.vakt.core.model.TechnicalAddress;

import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;

/**
 * The hub's state for one technical address: the last state sent to watchers, the newest state received,
 * the watchers, and the timers of the throttle and the linger. All fields are guarded by the entry's own
 * monitor, so different variables never contend.
 */
final class VariableEntry {
    /** The key this entry is stored under in the hub's map (that of the address the first watcher asked for). */
    final String key;
    final TechnicalAddress address;
    /** Null when no controller has this address: the entry then reports {@code ErrorNotExist}. */
    final ResolvedPoint point;

    Watcher[] watchers = new Watcher[0];
    /** Last state handed to watchers; null until the first one. */
    LiveValue current;
    /** Newest state received; equal to {@link #current} unless a throttle window holds it back. */
    LiveValue latest;
    long sequence;
    /** Start of throttle window 0 of this variable; windows are {@code windowNanos} long from here on. */
    long gridOrigin;
    /** Index of the window of the last emission: at most one emission per window. */
    long lastWindow;
    /** Whether a state has been handed to watchers yet: the first one is never throttled. */
    boolean emitted;
    boolean flushScheduled;
    boolean advised;
    /** Set once the entry has left the hub's map; a watcher finding it so must look again. */
    boolean removed;
    long leaseUntilNanos;
    ScheduledFuture<?> lingerTask;
    /** Bumped whenever the linger is cancelled or rescheduled, so a superseded expiry that already started does nothing. */
    long lingerGeneration;

    VariableEntry(String key, TechnicalAddress address, ResolvedPoint point) {
        this.key = key;
        this.address = address;
        this.point = point;
    }

    void addWatcher(Watcher watcher) {
        Watcher[] grown = Arrays.copyOf(watchers, watchers.length + 1);
        grown[watchers.length] = watcher;
        watchers = grown;
    }

    boolean removeWatcher(Watcher watcher) {
        for (int i = 0; i < watchers.length; i++) {
            if (watchers[i] == watcher) {
                Watcher[] shrunk = new Watcher[watchers.length - 1];
                System.arraycopy(watchers, 0, shrunk, 0, i);
                System.arraycopy(watchers, i + 1, shrunk, i, watchers.length - i - 1);
                watchers = shrunk;
                return true;
            }
        }
        return false;
    }

    boolean idle(long nowNanos) { return watchers.length == 0 && nowNanos - leaseUntilNanos >= 0; }
}
