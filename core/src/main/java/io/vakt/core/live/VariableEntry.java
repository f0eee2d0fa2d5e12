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
    final TechnicalAddress address;
    /** Null when no controller has this address: the entry then reports {@code ErrorNotExist}. */
    final ResolvedPoint point;

    Watcher[] watchers = new Watcher[0];
    /** Last state handed to watchers; null until the first one. */
    LiveValue current;
    /** Newest state received; equal to {@link #current} unless a throttle window holds it back. */
    LiveValue latest;
    long sequence;
    long lastEmitNanos;
    boolean flushScheduled;
    boolean advised;
    /** Set once the entry has left the hub's map; a watcher finding it so must look again. */
    boolean removed;
    long leaseUntilNanos;
    ScheduledFuture<?> lingerTask;

    VariableEntry(TechnicalAddress address, ResolvedPoint point) {
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
