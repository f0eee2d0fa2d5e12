package io.vakt.server.wamp;

import io.vakt.wamp.router.WampScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The WAMP router's one thread ({@link WampScheduler}) on a single-threaded scheduled executor that the
 * assembly creates and shuts down. Tasks run one at a time in submission order, so router state needs no
 * locks. A task that throws is logged with its stack trace (a router bug, not a client's fault) and the thread
 * carries on; tasks submitted after shutdown, such as frames still arriving from closing sockets, are dropped.
 */
public final class RouterScheduler implements WampScheduler {
    private static final Logger log = LoggerFactory.getLogger(RouterScheduler.class);

    private final ScheduledExecutorService thread;

    /** @param thread an executor with exactly one thread */
    public RouterScheduler(ScheduledExecutorService thread) {
        this.thread = Objects.requireNonNull(thread, "thread");
    }

    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(guarded(task));
        } catch (RejectedExecutionException stopped) {
            log.debug("WAMP router stopped; task dropped");
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> timer = thread.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> timer.cancel(false);
        } catch (RejectedExecutionException stopped) {
            log.debug("WAMP router stopped; timer dropped");
            return () -> { };
        }
    }

    @Override
    public long nanoTime() { return System.nanoTime(); }

    // A scheduled executor keeps a task's exception in its future, where nobody would ever see it
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("WAMP router task failed", e);
            }
        };
    }
}
