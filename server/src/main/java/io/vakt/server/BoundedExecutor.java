package io.vakt.server;

import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Runs at most {@code permits} tasks at once on another executor; the rest wait their turn without holding
 * a thread. Password hashing uses it: each Argon2id hash takes about 19 MiB and a core for a moment, so a
 * login flood must queue instead of exhausting memory.
 */
final class BoundedExecutor implements Executor {
    private final Executor delegate;
    private final Semaphore permits;

    BoundedExecutor(Executor delegate, int permits) {
        this.delegate = delegate;
        this.permits = new Semaphore(permits);
    }

    @Override
    public void execute(Runnable task) {
        delegate.execute(() -> {
            permits.acquireUninterruptibly();
            try {
                task.run();
            } finally {
                permits.release();
            }
        });
    }
}
