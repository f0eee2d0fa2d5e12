package io.vakt.core.live;

/**
 * A registration with the hub. {@link #initial()} is the state at registration time (the cached value, or
 * {@code Pending}, or {@code ErrorNotExist}); every later state reaches the watcher. Closing is idempotent.
 */
public interface Watch extends AutoCloseable {
    LiveValue initial();

    @Override
    void close();
}
