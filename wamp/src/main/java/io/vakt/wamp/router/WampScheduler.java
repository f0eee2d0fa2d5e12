package io.vakt.wamp.router;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The router's one thread of execution. All router state (sessions, registrations, subscriptions, pending
 * calls) is touched only by tasks run through here, in submission order, so the router needs no locks. The
 * server backs it with one dedicated thread; tests run tasks synchronously and move a manual clock.
 */
public interface WampScheduler extends Executor {
    /** Runs {@code task} serially with every other router task. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} serially after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Monotonic time in nanoseconds, for latencies and timeouts. */
    long nanoTime();

    /** A timer that can be stopped. */
    interface Cancellable {
        void cancel();
    }
}
