package io.vakt.wamp.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor. A local session delivers its answers,
 * progress and events through one lane, so progress arrives before the final result and events arrive in
 * publication order even on a thread pool. Any thread.
 */
final class SerialLane implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialLane.class);
    /** Tasks run per turn before the lane yields its thread to the executor's other work. */
    private static final int BATCH = 64;

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialLane(Executor executor) { this.executor = executor; }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) return;
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
            tasks.clear();
            log.warn("local session executor rejected its deliveries; they are dropped", e);
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) break;
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("local session handler failed", e);
                }
            }
        } finally {
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) schedule();
    }
}
