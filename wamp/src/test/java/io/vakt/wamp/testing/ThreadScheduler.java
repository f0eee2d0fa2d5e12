package io.vakt.wamp.testing;

import io.vakt.wamp.router.WampScheduler;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WampScheduler} on one real thread, as the server runs the router, for tests that check behaviour
 * across threads. Close it at the end of the test.
 */
public final class ThreadScheduler implements WampScheduler, AutoCloseable {
    public static final String THREAD_NAME = "wamp-router-test";

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void execute(Runnable task) { executor.execute(task); }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public long nanoTime() { return System.nanoTime(); }

    public static boolean onRouterThread() { return Thread.currentThread().getName().equals(THREAD_NAME); }

    @Override
    public void close() { executor.shutdownNow(); }
}
