package io.vakt.wamp.testing;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * An {@link Executor} that only queues: tasks run when the test calls {@link #runAll()}, on the test's thread.
 * Shows that work handed to it did not run on the router thread's call stack, and lets a test decide when
 * handlers run.
 */
public final class QueuedExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) { tasks.add(task); }

    /** Runs queued tasks, and those they queue, until none is left; returns how many ran. */
    public int runAll() {
        int ran = 0;
        Runnable task;
        while ((task = poll()) != null) {
            task.run();
            ran++;
        }
        return ran;
    }

    public synchronized int pending() { return tasks.size(); }

    private synchronized Runnable poll() { return tasks.poll(); }
}
