package io.vakt.scripting.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the CPU-time, allocation and wall-time limits of running calls. One periodic task on the timer
 * checks every running call each tick, and only while calls run; a call over a limit gets its stop reason and
 * its context is interrupted (again on every tick until the worker has let go of it). GraalJS community has
 * no limits of its own apart from the statement count, which the context enforces itself.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    static final long TICK_MILLIS = 10;
    /** A run still inside JavaScript this long after its interrupt gets its context cancelled instead. */
    private static final long ESCALATE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ScheduledExecutorService timer;
    private final Limits limits;
    private final ThreadMeters meters;
    private final Map<CallRun, Worker> watched = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticking; // guarded by this
    private boolean closed;             // guarded by this

    Watchdog(ScheduledExecutorService timer, Limits limits, ThreadMeters meters) {
        this.timer = timer;
        this.limits = limits;
        this.meters = meters;
    }

    void watch(Worker worker, CallRun run) {
        watched.put(run, worker);
        synchronized (this) {
            if (ticking == null && !closed) {
                try {
                    ticking = timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException timerShutDown) {
                    LOG.warn("the SSF timer is shut down: call limits other than the statement count are not enforced");
                }
            }
        }
    }

    void unwatch(CallRun run) {
        watched.remove(run);
    }

    private void tick() {
        try {
            if (watched.isEmpty()) {
                synchronized (this) {
                    // re-checked under the lock: watch() adds first, then looks at ticking under it
                    if (watched.isEmpty() && ticking != null) {
                        ticking.cancel(false);
                        ticking = null;
                    }
                }
                return;
            }
            watched.forEach(this::check);
        } catch (RuntimeException | Error e) {
            LOG.error("SSF watchdog tick failed", e); // never let an exception end the periodic task
        }
    }

    private void check(CallRun run, Worker worker) {
        StopReason reason = run.stopReason();
        if (reason == null) {
            reason = limits.exceeded(run, meters);
            if (reason == null) return;
            run.stop(reason);
        }
        if (run.nanosSinceStop() > ESCALATE_NANOS) {
            if (run.requestCancel()) {
                LOG.warn("[ssf {}] did not stop within 2 s of its interrupt ({}); cancelling its context",
                        run.block().path(), reason.message());
                worker.cancel(run);
            }
            return;
        }
        worker.interrupt(run);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (ticking != null) ticking.cancel(false);
        ticking = null;
    }
}
