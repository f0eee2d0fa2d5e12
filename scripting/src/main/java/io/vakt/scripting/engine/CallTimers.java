package io.vakt.scripting.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of one call's {@code setTimeout}/{@code setInterval}: the timer executor only posts a firing
 * to the call's task queue (script code never runs on the timer thread), and everything left is cancelled
 * when the call ends. An interval is re-armed only after its previous firing ran, so a slow script never
 * finds a backlog of firings. Used on the worker thread only (the executor's callbacks touch nothing here).
 */
final class CallTimers {
    private record Armed(ScheduledFuture<?> future, boolean repeat, long delayMillis) {}

    private final CallRun run;
    private final ScheduledExecutorService timer;
    private final Map<Integer, Armed> armed = new HashMap<>();
    private int nextId;

    CallTimers(CallRun run, ScheduledExecutorService timer) {
        this.run = run;
        this.timer = timer;
    }

    /** @return the timer's id, as JavaScript sees it */
    int set(double delayMillis, boolean repeat) {
        int id = ++nextId;
        long delay = (long) Math.min(Math.max(delayMillis, repeat ? 1 : 0), Integer.MAX_VALUE);
        run.pendingUp();
        arm(id, delay, repeat);
        return id;
    }

    void clear(int id) {
        Armed timer = armed.remove(id);
        if (timer != null) {
            timer.future().cancel(false);
            run.pendingDown();
        }
    }

    void cancelAll() {
        armed.values().forEach(timer -> timer.future().cancel(false));
        armed.clear();
    }

    private void arm(int id, long delay, boolean repeat) {
        ScheduledFuture<?> future;
        try {
            future = timer.schedule(() -> run.post(() -> fired(id)), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return; // the call cannot end by this timer any more; the wall-time limit or shutdown ends it
        }
        armed.put(id, new Armed(future, repeat, delay));
    }

    private void fired(int id) {
        Armed timer = armed.get(id);
        if (timer == null) return; // cleared after it was posted
        if (timer.repeat()) {
            arm(id, timer.delayMillis(), true);
        } else {
            armed.remove(id);
            run.pendingDown();
        }
        run.js().fire(run.id(), id);
    }
}
