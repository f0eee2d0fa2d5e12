package io.vakt.graphql.ws;

import io.vakt.graphql.support.Json;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An in-memory {@link WsTransport}: records every frame as a string (a shared frame as its three parts joined),
 * the close code and reason, lets the test fill the write queue and fire the drain callback, runs executor tasks
 * at once (or queues them until {@link #runQueued()} when {@link #queueTasks()} was called), and has a manual
 * timer: {@link #advance} moves virtual time and runs the tasks falling due, in order.
 */
public final class FakeTransport implements WsTransport {
    private final List<String> frames = new ArrayList<>();
    private int sharedFrames;
    private Integer closeCode;
    private String closeReason;
    private int closeCalls;
    private int framesAtClose = -1;
    private boolean writeQueueFull;
    private int fillAfter;
    private final List<Runnable> drainActions = new ArrayList<>();
    private int drainRegistrations;
    private boolean queueTasks;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<Timer> timers = new ArrayList<>();
    private long timerSequence;
    private Duration now = Duration.ZERO;
    private String upgradeAuthorization;

    private static final class Timer {
        final Duration due;
        final Duration delay;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Timer(Duration due, Duration delay, long sequence, Runnable task) {
            this.due = due;
            this.delay = delay;
            this.sequence = sequence;
            this.task = task;
        }
    }

    // ---- WsTransport -----------------------------------------------------------------------------

    @Override
    public void sendText(String text) { frames.add(text); }

    @Override
    public void sendShared(byte[] prefix, byte[] payload, byte[] suffix) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(prefix);
        joined.writeBytes(payload);
        joined.writeBytes(suffix);
        frames.add(joined.toString(StandardCharsets.UTF_8));
        sharedFrames++;
        if (fillAfter > 0 && --fillAfter == 0) writeQueueFull = true;
    }

    @Override
    public boolean writeQueueFull() { return writeQueueFull; }

    @Override
    public void onDrain(Runnable action) {
        drainRegistrations++;
        drainActions.add(action);
    }

    @Override
    public void close(int code, String reason) {
        closeCalls++;
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
            framesAtClose = frames.size();
        }
    }

    @Override
    public Executor executor() {
        return task -> {
            if (queueTasks) tasks.add(task);
            else task.run();
        };
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(now.plus(delay), delay, timerSequence++, task);
        timers.add(timer);
        return () -> timer.cancelled = true;
    }

    @Override
    public String remoteAddress() { return "192.0.2.7:50000"; }

    @Override
    public String upgradeAuthorization() { return upgradeAuthorization; }

    // ---- test controls ---------------------------------------------------------------------------

    public FakeTransport withUpgradeAuthorization(String header) {
        this.upgradeAuthorization = header;
        return this;
    }

    public void setWriteQueueFull(boolean full) { this.writeQueueFull = full; }

    /** The write queue reports full once {@code frames} more shared frames have been sent. */
    public void fillQueueAfter(int frames) { this.fillAfter = frames; }

    /** Runs the drain callbacks registered so far (each once), as the socket would when its queue drains. */
    public void fireDrain() {
        List<Runnable> actions = List.copyOf(drainActions);
        drainActions.clear();
        actions.forEach(Runnable::run);
    }

    public int drainRegistrations() { return drainRegistrations; }

    public int pendingDrainCallbacks() { return drainActions.size(); }

    /** From now on executor tasks wait in a queue until {@link #runQueued()}. */
    public void queueTasks() { this.queueTasks = true; }

    public int runQueued() {
        int ran = 0;
        while (!tasks.isEmpty()) {
            tasks.poll().run();
            ran++;
        }
        return ran;
    }

    public int queuedTasks() { return tasks.size(); }

    /** Moves virtual time forward, running every timer that falls due on the way, earliest first. */
    public void advance(Duration duration) {
        Duration target = now.plus(duration);
        while (true) {
            Timer next = timers.stream()
                    .filter(t -> !t.cancelled && t.due.compareTo(target) <= 0)
                    .min(Comparator.<Timer, Duration>comparing(t -> t.due).thenComparingLong(t -> t.sequence))
                    .orElse(null);
            if (next == null) break;
            timers.remove(next);
            now = next.due;
            next.task.run();
        }
        timers.removeIf(t -> t.cancelled);
        now = target;
    }

    /** Delays of the timers still armed, in the order they were scheduled. */
    public List<Duration> armedTimerDelays() {
        return timers.stream().filter(t -> !t.cancelled).map(t -> t.delay).toList();
    }

    // ---- what was sent ---------------------------------------------------------------------------

    public List<String> frames() { return List.copyOf(frames); }

    public List<JsonNode> json() { return frames.stream().map(Json::tree).toList(); }

    public String frame(int index) { return frames.get(index); }

    public String lastFrame() { return frames.getLast(); }

    /** Frames sent since the last call to {@link #clearFrames()}, and forgets them. */
    public List<String> takeFrames() {
        List<String> taken = List.copyOf(frames);
        frames.clear();
        if (framesAtClose >= 0) framesAtClose = 0;
        return taken;
    }

    public void clearFrames() { takeFrames(); }

    public int sharedFrames() { return sharedFrames; }

    public boolean closed() { return closeCode != null; }

    public Integer closeCode() { return closeCode; }

    public String closeReason() { return closeReason; }

    public int closeCalls() { return closeCalls; }

    /** Frames sent after {@link #close} was called (a session must send nothing then). */
    public List<String> framesAfterClose() {
        return framesAtClose < 0 ? List.of() : List.copyOf(frames.subList(framesAtClose, frames.size()));
    }
}
