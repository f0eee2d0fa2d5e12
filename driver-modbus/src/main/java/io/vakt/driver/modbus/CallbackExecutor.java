package io.vakt.driver.modbus;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The library's callback executor: the assembly's scheduler, except that once the scheduler refuses work
 * (the server is shutting down) the callback runs on the calling thread. Without that, the library's
 * disconnect steps that follow a driver's {@code close()} would be dropped and leave the socket open.
 * It owns no threads, so shutting it down does nothing.
 */
final class CallbackExecutor extends AbstractExecutorService {
    private final Executor scheduler;

    CallbackExecutor(Executor scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            task.run();
        }
    }

    @Override
    public void shutdown() { }

    @Override
    public List<Runnable> shutdownNow() { return List.of(); }

    @Override
    public boolean isShutdown() { return false; }

    @Override
    public boolean isTerminated() { return false; }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) { return false; }
}
