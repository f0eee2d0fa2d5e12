package io.vakt.scripting.engine;

import io.vakt.core.error.Fault;
import io.vakt.scripting.SsfConfig;
import io.vakt.scripting.SsfInvocation;
import io.vakt.scripting.SsfScope;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One platform thread ({@code vakt-ssf-<n>}) owning one JavaScript context. It takes jobs from the fair
 * queue and runs each to its end: the function call, then its event loop (host-operation completions and
 * timer firings, executed inside the context) until the function's Promise settles or a limit stops it.
 *
 * <p>The context is created lazily and rebuilt after it was cancelled (statement limit), after an allocation
 * stop (its heap may hold the bomb's data) or after an internal error, so the next call always finds a healthy
 * one. The watchdog and shutdown reach in only through {@link #interrupt}, which interrupts the context only
 * while the run it means is still the current one.
 */
final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration INTERRUPT_WAIT = Duration.ofMillis(100);
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Thread thread;
    private final CallQueue queue;
    private final Engine engine;
    private final SsfConfig config;
    private final Limits limits;
    private final ThreadMeters meters;
    private final Watchdog watchdog;
    private final ScheduledExecutorService timer;
    private final JsBridge bridge;
    private final Outcomes outcomes;
    private final ConcurrentLinkedQueue<String> forgotten = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private JsContext js;             // guarded by lock: the watchdog interrupts it
    private volatile CallRun current; // written under lock, so an interrupt never hits the next run
    private volatile boolean closing;

    Worker(int number, CallQueue queue, Engine engine, SsfConfig config, Limits limits, ThreadMeters meters,
           Watchdog watchdog, ScheduledExecutorService timer, JsBridge bridge, Consumer<CallReport> reports) {
        this.queue = queue;
        this.engine = engine;
        this.config = config;
        this.limits = limits;
        this.meters = meters;
        this.watchdog = watchdog;
        this.timer = timer;
        this.bridge = bridge;
        this.outcomes = new Outcomes(config, limits, reports);
        this.thread = Thread.ofPlatform().name("vakt-ssf-" + number).daemon(true).unstarted(this::loop);
    }

    void start() { thread.start(); }

    boolean busy() {
        return current != null;
    }

    /** A path was unregistered: drop its exports from this worker's context before the next job. */
    void forget(String path) { forgotten.add(path); }

    /** Interrupts the context if {@code run} is still what it runs; the run's stop reason says why. Any thread. */
    void interrupt(CallRun run) {
        synchronized (lock) {
            if (current != run || js == null) return;
            try {
                js.context().interrupt(INTERRUPT_WAIT);
            } catch (TimeoutException notYet) {
                // not at a safepoint yet (or waiting outside JavaScript): the watchdog tries again next tick
            } catch (RuntimeException closedOrCancelled) {
                // nothing runs in a closed or cancelled context any more
            }
        }
    }

    /**
     * Last resort for a run that ignored its interrupt for a long time (code stuck where GraalJS does not poll
     * for interrupts): cancels the context, which the worker then rebuilds. Runs on a thread of its own,
     * because cancelling waits for the worker thread and must not hold up the timer.
     */
    void cancel(CallRun run) {
        Thread.ofPlatform().daemon(true).name(thread.getName() + "-cancel").start(() -> {
            synchronized (lock) {
                if (current == run && js != null) js.cancel();
            }
        });
    }

    /** Stops taking jobs and stops the running one; the thread ends once that run has let go. */
    void shutdown() {
        closing = true;
        CallRun run;
        synchronized (lock) {
            run = current;
        }
        if (run != null) {
            run.stop(StopReason.SHUTDOWN);
            interrupt(run);
        }
    }

    boolean awaitExit(Duration timeout) {
        if (Thread.currentThread() == thread) return true; // closed from its own job: it ends after this job
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Last resort at shutdown for a thread that would not stop: cancels its context from outside. */
    void forceClose() {
        if (Thread.currentThread() == thread) return;
        JsContext context;
        synchronized (lock) {
            context = js;
        }
        if (context != null) context.cancel();
    }

    private void loop() {
        try {
            while (true) {
                Job job;
                try {
                    job = queue.take();
                } catch (InterruptedException interrupted) {
                    if (closing) return;
                    continue;
                }
                if (job == null) return;
                serve(job);
            }
        } finally {
            discardContext();
        }
    }

    /** Runs one job and answers it whatever happens: a worker that died would shrink the pool for good. */
    private void serve(Job job) {
        Runnable completion;
        try {
            completion = run(job);
        } catch (Throwable e) {
            LOG.error("[ssf {}] job failed in the runtime", job.path(), e);
            discardContext();
            completion = () -> outcomes.internalError(job);
        }
        queue.done(job); // first, so a caller answered next can be scheduled at once
        try {
            completion.run();
        } catch (Throwable e) {
            LOG.error("[ssf {}] answering a job failed", job.path(), e);
            outcomes.internalError(job);
        }
    }

    /** Runs the job and returns how to answer it, so the path's slot is freed before the caller hears. */
    private Runnable run(Job job) {
        Thread.interrupted(); // an interrupt aimed at the previous run must not cut this one's waits short
        JsContext context;
        try {
            context = context();
        } catch (RuntimeException e) {
            LOG.error("cannot create a JavaScript context for ServerSideFunctions", e);
            return () -> outcomes.internalError(job);
        }
        return switch (job) {
            case Job.Call call -> runCall(call, context);
            case Job.Load load -> runLoad(load, context);
        };
    }

    private Runnable runCall(Job.Call job, JsContext context) {
        CodeBlock block = job.block();
        SsfInvocation invocation = job.invocation();
        CallRun run = begin(block, new SsfScope(block.path(), block.encodedPath(), invocation.caller()), invocation, context);
        Ending ending;
        try {
            context.resetLimits();
            context.begin(run.id());
            JsContext.Loaded loaded = context.exports(block);
            Value fn = loaded.functions().contains(invocation.method()) ? loaded.exports().getMember(invocation.method()) : null;
            if (fn == null || !fn.canExecute()) {
                ending = new Ending.Failed(block.path() + " exports no function '" + invocation.method() + "' any more");
            } else {
                context.run(run.id(), fn, job.kwargsJson(), job.detailsJson(), invocation.caller().token(), block.encodedPath());
                ending = awaitSettlement(run);
            }
        } catch (PolyglotException e) {
            ending = outcomes.classify(e, run);
        } finally {
            end(run);
        }
        long wall = run.wallNanos();
        long cpu = meters.cpuNanos(run.threadId()) - run.startCpuNanos();
        Ending outcome = ending;
        return () -> outcomes.answer(job, outcome, wall, cpu);
    }

    private Runnable runLoad(Job.Load job, JsContext context) {
        CodeBlock block = job.block();
        CallRun run = begin(block, null, null, context);
        List<String> functions = null;
        Throwable failure = null;
        try {
            context.resetLimits();
            context.begin(run.id());
            JsContext.Loaded loaded = context.load(block);
            if (loaded.problem() != null) {
                failure = Fault.INVALID_CODE.exception(
                        block.sourceName() + " must end with `return { fnA, fnB }`: " + loaded.problem());
            } else {
                functions = loaded.functions();
            }
        } catch (PolyglotException e) {
            failure = outcomes.loadFailure(block, outcomes.classify(e, run));
        } finally {
            end(run);
        }
        List<String> exported = functions;
        Throwable refused = failure;
        return () -> {
            if (refused != null) job.result().completeExceptionally(refused);
            else job.result().complete(exported);
        };
    }

    /** Runs the call's tasks in the context until its Promise settles, a limit stops it, or nothing is left. */
    private Ending awaitSettlement(CallRun run) {
        while (true) {
            if (run.settlement() != null) return new Ending.Settled(run.settlement());
            StopReason stop = run.stopReason();
            if (stop != null) return new Ending.Stopped(stop);
            if (run.idle()) return new Ending.NeverSettles();
            long wait = WAIT_SLICE_NANOS;
            if (limits.wallNanos() > 0) {
                long left = limits.wallNanos() - run.wallNanos();
                if (left <= 0) {
                    run.stop(limits.wall()); // the watchdog would too; this does not depend on its timer
                    continue;
                }
                wait = Math.min(wait, left);
            }
            Runnable task = run.nextTask(wait);
            if (task != null && run.stopReason() == null) task.run();
        }
    }

    private CallRun begin(CodeBlock block, SsfScope scope, SsfInvocation invocation, JsContext context) {
        for (String path; (path = forgotten.poll()) != null; ) context.forget(path);
        CallRun run = new CallRun(block, scope, invocation, context, meters, timer, config.maxConsoleLinesPerCall());
        synchronized (lock) {
            current = run;
        }
        bridge.attach(run);
        watchdog.watch(this, run);
        return run;
    }

    private void end(CallRun run) {
        watchdog.unwatch(run);
        if (!run.mustDiscardContext()) {
            try {
                run.js().end(run.id()); // lets the call's timers and callbacks be collected
            } catch (PolyglotException | IllegalStateException stoppedMeanwhile) {
                // a stop that arrived after the outcome; the next begin() replaces the call anyway
            }
        }
        synchronized (lock) {
            current = null;
        }
        bridge.attach(null);
        run.end();
        if (run.mustDiscardContext()) discardContext();
    }

    private JsContext context() {
        synchronized (lock) {
            if (js != null && !js.isCancelled()) return js;
        }
        discardContext(); // cancelled from outside after its run had ended
        JsContext created = JsContext.open(engine, config, bridge); // slow (milliseconds): outside the lock
        synchronized (lock) {
            js = created;
        }
        return created;
    }

    private void discardContext() {
        JsContext old;
        synchronized (lock) {
            old = js;
            js = null;
        }
        if (old != null) old.close();
    }
}
