package io.vakt.scripting.engine;

import io.vakt.scripting.SsfInvocation;
import io.vakt.scripting.SsfScope;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of script code on a worker (a call, or the evaluation of a block being registered): its event-loop
 * task queue, its meters at the start, the reason it was stopped, and what it settled with.
 *
 * <p>Threads: host-operation completions, timer firings and the watchdog {@link #post post} and
 * {@link #stop stop} from anywhere; everything else is touched by the worker thread only. Once the run has
 * {@link #end ended}, posts are dropped, so a late completion can never reach a later call.
 */
final class CallRun {
    private static final AtomicLong IDS = new AtomicLong();
    private static final Runnable WAKE = () -> { };

    private record Stop(StopReason reason, long atNanos) {}

    private final long id = IDS.incrementAndGet();
    private final CodeBlock block;
    private final SsfScope scope;
    private final SsfInvocation invocation;
    private final JsContext js;
    private final long threadId;
    private final long startNanos;
    private final long startCpuNanos;
    private final long startAllocatedBytes;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private volatile boolean cancelRequested;
    private final ConsoleSink console;
    private final CallTimers timers;
    private volatile boolean ended;
    private int pending;
    private Settlement settlement;
    private boolean discardContext;

    /**
     * @param scope      null while a block is being registered (no caller yet)
     * @param invocation null while a block is being registered
     */
    CallRun(CodeBlock block, SsfScope scope, SsfInvocation invocation, JsContext js, ThreadMeters meters,
            ScheduledExecutorService timer, int maxConsoleLines) {
        this.block = block;
        this.scope = scope;
        this.invocation = invocation;
        this.js = js;
        this.threadId = Thread.currentThread().threadId();
        this.startNanos = System.nanoTime();
        this.startCpuNanos = meters.cpuNanos(threadId);
        this.startAllocatedBytes = meters.allocatedBytes(threadId);
        this.console = new ConsoleSink(block.path(), maxConsoleLines);
        this.timers = new CallTimers(this, timer);
    }

    long id() { return id; }

    CodeBlock block() { return block; }

    SsfScope scope() { return scope; }

    SsfInvocation invocation() { return invocation; }

    JsContext js() { return js; }

    long threadId() { return threadId; }

    long startNanos() { return startNanos; }

    long startCpuNanos() { return startCpuNanos; }

    long startAllocatedBytes() { return startAllocatedBytes; }

    ConsoleSink console() { return console; }

    CallTimers timers() { return timers; }

    /** Queues work for the worker's event loop; dropped once the run has ended. Any thread. */
    void post(Runnable task) {
        if (!ended) tasks.add(task);
    }

    /** Records why the run must stop (the first reason wins) and wakes the event loop. Any thread. */
    void stop(StopReason reason) {
        stop.compareAndSet(null, new Stop(reason, System.nanoTime()));
        tasks.add(WAKE);
    }

    /** How long ago the run was told to stop; 0 when it was not. */
    long nanosSinceStop() {
        Stop stopped = stop.get();
        return stopped == null ? 0 : System.nanoTime() - stopped.atNanos();
    }

    /** True the first time only: the watchdog escalates to cancelling the context once per run. */
    boolean requestCancel() {
        if (cancelRequested) return false;
        cancelRequested = true;
        return true;
    }

    StopReason stopReason() {
        Stop stopped = stop.get();
        return stopped == null ? null : stopped.reason();
    }

    /** The next task, or null when none arrived within the timeout (or the wait was interrupted). */
    Runnable nextTask(long timeoutNanos) {
        try {
            return tasks.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            return null; // Context.interrupt may interrupt the thread; the loop looks at the stop reason next
        }
    }

    boolean hasTasks() { return !tasks.isEmpty(); }

    /** A host operation, fetch or timer that may still post work. */
    void pendingUp() { pending++; }

    void pendingDown() { pending--; }

    /** Nothing is outstanding that could ever settle a pending Promise. */
    boolean idle() { return pending <= 0 && tasks.isEmpty(); }

    /** The first outcome counts; a function cannot both return and throw, but a stray timer could try. */
    void settle(Settlement outcome) {
        if (settlement == null) settlement = outcome;
    }

    Settlement settlement() { return settlement; }

    long wallNanos() { return System.nanoTime() - startNanos; }

    /** The context must not run another call: cancelled, or its heap may hold what a bomb left. */
    void discardContext() { discardContext = true; }

    boolean mustDiscardContext() {
        StopReason reason = stopReason();
        return discardContext || (reason != null && reason.kind() == StopReason.Kind.ALLOCATION);
    }

    /** Drops whatever is still queued or armed; later posts are ignored. */
    void end() {
        ended = true;
        timers.cancelAll();
        tasks.clear();
        console.close();
    }
}
