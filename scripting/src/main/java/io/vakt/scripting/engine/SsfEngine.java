package io.vakt.scripting.engine;

import io.vakt.core.error.Fault;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.ScriptFailure;
import io.vakt.scripting.SsfConfig;
import io.vakt.scripting.SsfInvocation;
import io.vakt.scripting.SsfResult;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import tools.jackson.core.JacksonException;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The pool behind {@link io.vakt.scripting.SsfRuntime}: one shared GraalJS {@link Engine} (so parsed code is
 * cached across contexts), {@code ssf.contexts} workers each owning a context, the fair call queue in front of
 * them and the watchdog over them. Knows nothing of registrations or counters; the runtime owns those.
 * Internal to the scripting module.
 */
public final class SsfEngine implements AutoCloseable {
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final SsfConfig config;
    private final Engine engine;
    private final CallQueue queue;
    private final Watchdog watchdog;
    private final Fetcher fetcher;
    private final List<Worker> workers = new ArrayList<>();
    private final Consumer<CallReport> reports;
    private boolean closed; // guarded by this

    /**
     * @param reports hears of every call that ends, refused ones included; called on worker threads
     */
    public SsfEngine(SsfConfig config, Map<String, HostOperation> operations, ScheduledExecutorService timer,
                     Consumer<CallReport> reports) {
        if (config.contexts() < 1) throw new IllegalArgumentException("ssf.contexts must be at least 1");
        this.config = config;
        this.reports = reports;
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.queue = new CallQueue(config.maxQueuedCalls(), config.maxConcurrentPerPath());
        Limits limits = new Limits(config);
        ThreadMeters meters = new ThreadMeters();
        this.watchdog = new Watchdog(timer, limits, meters);
        this.fetcher = new Fetcher(config.fetch());
        HostCalls hostCalls = new HostCalls(operations);
        for (int n = 1; n <= config.contexts(); n++) {
            workers.add(new Worker(n, queue, engine, config, limits, meters, watchdog, timer,
                    new JsBridge(hostCalls, fetcher), reports));
        }
        workers.forEach(Worker::start);
    }

    /** Evaluates a block on a worker, under the call limits: its exported function names, or INVALID_CODE. */
    public CompletableFuture<List<String>> load(CodeBlock block) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        if (queue.offer(new Job.Load(block, result)) != CallQueue.Admission.ACCEPTED) {
            result.completeExceptionally(shuttingDown());
        }
        return result;
    }

    /** Queues a call of an export of {@code block}; the caller checked that the block exports the method. */
    public CompletableFuture<SsfResult> call(CodeBlock block, SsfInvocation invocation) {
        CompletableFuture<SsfResult> result = new CompletableFuture<>();
        String kwargsJson;
        String detailsJson;
        try {
            kwargsJson = Json.write(invocation.kwargs());
            detailsJson = Json.write(invocation.details());
        } catch (JacksonException e) {
            reports.accept(CallReport.refused(block.path()));
            result.completeExceptionally(Fault.INVALID_ARGUMENT.exception("kwargs and call details must be JSON values"));
            return result;
        }
        switch (queue.offer(new Job.Call(block, invocation, kwargsJson, detailsJson, result))) {
            case ACCEPTED -> { }
            case FULL -> {
                reports.accept(CallReport.refused(block.path()));
                result.completeExceptionally(Fault.LIMIT_EXCEEDED.exception(
                        "too many ServerSideFunction calls waiting (at most " + config.maxQueuedCalls() + ")"));
            }
            case CLOSED -> {
                reports.accept(CallReport.refused(block.path()));
                result.completeExceptionally(shuttingDown());
            }
        }
        return result;
    }

    /** The path is no longer registered: contexts drop its exports before their next job. */
    public void forget(String path) {
        workers.forEach(worker -> worker.forget(path));
    }

    public int busyContexts() {
        return (int) workers.stream().filter(Worker::busy).count();
    }

    public int queuedCalls() {
        return queue.waitingCalls();
    }

    /** Fails waiting jobs, stops running ones (they fail as shutting down), then closes contexts and the engine. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        for (Job job : queue.close()) {
            switch (job) {
                case Job.Call call -> {
                    reports.accept(CallReport.refused(call.path()));
                    call.result().completeExceptionally(shuttingDown());
                }
                case Job.Load load -> load.result().completeExceptionally(shuttingDown());
            }
        }
        workers.forEach(Worker::shutdown);
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        for (Worker worker : workers) {
            if (!worker.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                worker.forceClose();
                worker.awaitExit(Duration.ofSeconds(1));
            }
        }
        watchdog.close();
        fetcher.close();
        try {
            engine.close();
        } catch (RuntimeException stillInUse) {
            try {
                engine.close(true);
            } catch (RuntimeException ignored) {
                // a context that would not stop rethrows its cancellation; the JVM reclaims the rest
            }
        }
    }

    private static ScriptFailure shuttingDown() {
        return new ScriptFailure(Fault.SCRIPT_ERROR.wampUri(), StopReason.SHUTDOWN.message());
    }
}
