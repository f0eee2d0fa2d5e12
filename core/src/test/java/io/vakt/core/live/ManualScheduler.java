package io.vakt.core.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time only moves when the test says so. {@link #nanoTime()} and {@link #clock()} read the
 * same virtual time, so a hub built on them sees one consistent clock. Tasks run on the test's thread, in
 * time order, when {@link #advance} reaches them.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    /** The wall-clock time at virtual time zero. */
    public static final Instant EPOCH = Instant.parse("2024-03-04T12:00:00Z");

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long now;
    private long nextSequence;
    private boolean shutdown;

    /** Virtual nanoseconds since the start. */
    public synchronized long nanoTime() { return now; }

    /** A clock showing {@link #EPOCH} plus the virtual time. */
    public Clock clock() {
        return new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }
            @Override public Instant instant() { return EPOCH.plusNanos(nanoTime()); }
        };
    }

    /** Moves time forward by {@code step}, running every task that falls due on the way, each at its own time. */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = now + step.toNanos();
        }
        while (true) {
            Task<?> due;
            synchronized (this) {
                due = queue.peek();
                if (due == null || due.time > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = Math.max(now, due.time);
            }
            due.run();
        }
    }

    public void advanceMillis(long millis) { advance(Duration.ofMillis(millis)); }

    /** Runs what is due now (delay 0) without moving time. */
    public void runDue() { advance(Duration.ZERO); }

    /** Tasks waiting to run (cancelled ones excluded). */
    public synchronized int pendingTasks() {
        return (int) queue.stream().filter(task -> !task.isCancelled()).count();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(Executors.callable(command), delay, unit));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, delay, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not needed by the code under test");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not needed by the code under test");
    }

    @Override
    public void execute(Runnable command) { schedule(command, 0, TimeUnit.NANOSECONDS); }

    private synchronized <V> Task<V> enqueue(Task<V> task) {
        queue.add(task);
        return task;
    }

    @Override public synchronized void shutdown() { shutdown = true; }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override public synchronized boolean isShutdown() { return shutdown; }

    @Override public synchronized boolean isTerminated() { return shutdown && queue.isEmpty(); }

    @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return isTerminated(); }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        final long time;
        final long sequence;

        Task(Callable<V> callable, long delay, TimeUnit unit) {
            super(callable);
            synchronized (ManualScheduler.this) {
                this.time = now + Math.max(0, unit.toNanos(delay));
                this.sequence = nextSequence++;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) { return unit.convert(time - nanoTime(), TimeUnit.NANOSECONDS); }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byTime = Long.compare(time, that.time);
            return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
        }

        @Override
        protected void done() {
            // a failing task would otherwise vanish silently, as in a real scheduler; tests want to see it
            if (!isCancelled()) {
                try {
                    get();
                } catch (Exception e) {
                    throw new AssertionError("scheduled task failed", e);
                }
            }
        }
    }
}
