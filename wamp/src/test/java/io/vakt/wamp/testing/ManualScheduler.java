package io.vakt.wamp.testing;

import io.vakt.wamp.router.WampScheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link WampScheduler} for tests without threads: {@code execute} runs the task at once on the calling
 * thread (tasks submitted while one runs are queued, so order is kept), and timers fire only when the test
 * moves the clock with {@link #advance(Duration)}.
 */
public final class ManualScheduler implements WampScheduler {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private boolean running;
    private long now = 1_000_000_000L;
    private long sequence;

    private final class Timer implements Cancellable {
        final long due;
        final long order = sequence++;
        final Runnable task;
        boolean cancelled;

        Timer(long due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public void cancel() { cancelled = true; }
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (running) return;
        running = true;
        try {
            Runnable next;
            while ((next = queue.poll()) != null) next.run();
        } finally {
            running = false;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(now + delay.toNanos(), task);
        timers.add(timer);
        return timer;
    }

    @Override
    public long nanoTime() { return now; }

    /** Moves the clock and runs every timer that falls due, in due order. */
    public void advance(Duration by) {
        long target = now + by.toNanos();
        while (true) {
            Timer next = timers.stream().filter(t -> !t.cancelled && t.due <= target)
                    .min(Comparator.<Timer>comparingLong(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) break;
            timers.remove(next);
            now = Math.max(now, next.due);
            execute(next.task);
        }
        now = target;
    }

    /** Timers set and neither fired nor cancelled. */
    public long pendingTimers() { return timers.stream().filter(t -> !t.cancelled).count(); }
}
