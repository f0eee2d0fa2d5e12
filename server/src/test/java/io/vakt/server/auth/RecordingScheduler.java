package io.vakt.server.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that notes each one-shot delay asked of it. It runs the task at once, or, while holding, keeps it
 * until {@link #release()}, so a test can look at the state in the middle of a delay without waiting for it.
 */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    RecordingScheduler() { super(1); }

    synchronized void hold() { holding = true; }

    /** Runs the held tasks on the calling thread and stops holding. */
    void release() {
        List<Runnable> tasks;
        synchronized (this) {
            holding = false;
            tasks = List.copyOf(held);
            held.clear();
        }
        tasks.forEach(Runnable::run);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        delays.add(Duration.ofNanos(unit.toNanos(delay)));
        synchronized (this) {
            if (holding) {
                held.add(command);
                // A stand-in future: the real task runs at release()
                return super.schedule(() -> { }, 1, TimeUnit.DAYS);
            }
        }
        return super.schedule(command, 0, unit);
    }
}
