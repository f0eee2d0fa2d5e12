package io.vakt.scripting;

import io.vakt.core.error.Fault;
import io.vakt.core.path.NodePaths;
import io.vakt.scripting.engine.CallReport;
import io.vakt.scripting.engine.CodeBlock;
import io.vakt.scripting.engine.Sizes;
import io.vakt.scripting.engine.SsfEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The ServerSideFunction runtime (spec §8): registered code blocks by path, a bounded pool of sandboxed
 * GraalJS contexts each on its own worker thread, the per-call limits, and the JavaScript side of
 * {@code callInfo}. Thread-safe.
 *
 * <p>Each context evaluates a block the first time it runs a call of that path and version, so a block's
 * module-level variables live per context: calls of one path land on any context and do not share them.
 * Code that must share data between calls uses {@code callInfo.context.state}.
 *
 * <p>The stages this runtime returns complete on its worker threads; callers that do slow work on completion
 * should hop to their own executor.
 */
public final class SsfRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SsfRuntime.class);

    /** What serves a path now: the registration shown to admins and the block the workers run. */
    private record Serving(SsfRegistration registration, CodeBlock block) {}

    private final SsfConfig config;
    private final SsfEngine engine;
    private final Map<String, Serving> serving = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new HashMap<>();                       // guarded by serving
    private final Map<String, CompletableFuture<SsfRegistration>> registering = new HashMap<>(); // guarded by itself
    private final Map<String, PathStats> stats = new ConcurrentHashMap<>();
    private final List<Consumer<PathStats>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param operations host operations by name ({@code state.get}, {@code state.set}, {@code db.query},
     *                   {@code call}, {@code legacy.read}, {@code legacy.write}); a name without an operation
     *                   rejects with a clear error when code uses it
     * @param timer      fires the watchdog, timers of {@code setTimeout}, and call time-outs; never runs script code
     */
    public SsfRuntime(SsfConfig config, Map<String, HostOperation> operations, ScheduledExecutorService timer) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(timer, "timer");
        this.engine = new SsfEngine(config, operations, timer, this::count);
    }

    /**
     * Evaluates {@code code} as the body of a function whose last statement is {@code return { fnA, fnB }}
     * and, when that works, serves it under {@code path} (replacing the previous version). On failure the
     * previous version keeps serving and the stage fails with {@code VaktException(INVALID_CODE)} whose
     * message names the source, the line and the JavaScript message.
     */
    public CompletionStage<SsfRegistration> register(String path, String code, SsfOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        if (closed) return CompletableFuture.failedFuture(shuttingDown());
        if (path == null || path.isBlank()) {
            return CompletableFuture.failedFuture(Fault.INVALID_ARGUMENT.exception("a ServerSideFunction path must not be empty"));
        }
        String source = origin.sourceName();
        if (code == null || code.isBlank()) {
            return CompletableFuture.failedFuture(Fault.INVALID_CODE.exception(source + ": empty code"));
        }
        // a char is at most 3 UTF-8 bytes: only code that could be too long is encoded to count
        long bytes = code.length() * 3L <= config.maxCodeBytes() ? code.length() : code.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxCodeBytes()) {
            return CompletableFuture.failedFuture(Fault.INVALID_CODE.exception(source + ": the code is " + Sizes.bytes(bytes)
                    + ", larger than the limit of " + Sizes.bytes(config.maxCodeBytes()) + " (ssf.maxCodeSize)"));
        }
        CodeBlock block = CodeBlock.wrap(path, NodePaths.encode(path), source, code);
        return afterPreviousRegistration(path,
                () -> engine.load(block).thenApply(functions -> install(block, functions, origin)));
    }

    /** Stops serving {@code path}; calls already running finish. */
    public Optional<SsfRegistration> unregister(String path) {
        Serving removed = serving.remove(path);
        if (removed == null) return Optional.empty();
        engine.forget(path);
        LOG.info("[ssf {}] unregistered", path);
        return Optional.of(removed.registration());
    }

    public Optional<SsfRegistration> registration(String path) {
        return Optional.ofNullable(serving.get(path)).map(Serving::registration);
    }

    /** Every registration, ordered by path. */
    public List<SsfRegistration> registrations() {
        return serving.values().stream().map(Serving::registration)
                .sorted(Comparator.comparing(SsfRegistration::path)).toList();
    }

    /**
     * Runs {@code fn(kwargs, callInfo)} and completes with its (awaited) result. Fails with
     * {@code VaktException} {@code NO_SUCH_FUNCTION} (no code at the path, or no such export),
     * {@code LIMIT_EXCEEDED} (stopped by a limit, or too many calls waiting), or {@link ScriptFailure}
     * (the function threw or rejected).
     */
    public CompletionStage<SsfResult> execute(SsfInvocation invocation) {
        Objects.requireNonNull(invocation, "invocation");
        if (closed) return CompletableFuture.failedFuture(shuttingDown());
        Serving target = serving.get(invocation.path());
        if (target == null) {
            return CompletableFuture.failedFuture(Fault.NO_SUCH_FUNCTION.exception(
                    "no ServerSideFunction code is registered for " + invocation.path()));
        }
        List<String> functions = target.registration().functions();
        if (!functions.contains(invocation.method())) {
            return CompletableFuture.failedFuture(Fault.NO_SUCH_FUNCTION.exception(invocation.path()
                    + " exports no function '" + invocation.method() + "' (it exports " + String.join(", ", functions) + ")"));
        }
        return engine.call(target.block(), invocation);
    }

    /** Counters per path; {@code listener} hears of each path the first time it is registered. */
    public void onNewPath(Consumer<PathStats> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (listeners) {
            listeners.add(listener);
            // paths registered before the listener came: it hears of them now, once
            stats.values().stream().sorted(Comparator.comparing(PathStats::path)).forEach(s -> tell(listener, s));
        }
    }

    public List<PathStats> pathStats() {
        return stats.values().stream().sorted(Comparator.comparing(PathStats::path)).toList();
    }

    /** Contexts running a call right now. */
    public int busyContexts() {
        return engine.busyContexts();
    }

    /** Calls waiting for a context. */
    public int queuedCalls() {
        return engine.queuedCalls();
    }

    /** Stops the workers; calls still running or waiting fail with a {@link ScriptFailure} saying the server is shutting down. */
    @Override
    public void close() {
        closed = true;
        engine.close();
    }

    /** Registrations of one path run one after the other, so the last one asked for is the one that serves. */
    private CompletableFuture<SsfRegistration> afterPreviousRegistration(
            String path, Supplier<CompletableFuture<SsfRegistration>> registration) {
        synchronized (registering) {
            CompletableFuture<SsfRegistration> previous = registering.get(path);
            CompletableFuture<SsfRegistration> mine = previous == null ? registration.get()
                    : previous.handle((ignored, failure) -> null).thenCompose(ignored -> registration.get());
            registering.put(path, mine);
            mine.whenComplete((ignored, failure) -> {
                synchronized (registering) {
                    registering.remove(path, mine);
                }
            });
            return mine;
        }
    }

    private SsfRegistration install(CodeBlock block, List<String> functions, SsfOrigin origin) {
        SsfRegistration registration;
        synchronized (serving) {
            long version = versions.merge(block.path(), 1L, Long::sum);
            registration = new SsfRegistration(block.path(), block.encodedPath(), functions, origin, Instant.now(), version);
            serving.put(block.path(), new Serving(registration, block));
        }
        statsFor(block.path());
        LOG.info("[ssf {}] registered version {} from {}, exporting {}", block.path(), registration.version(),
                origin.describe(), String.join(", ", functions));
        return registration;
    }

    private PathStats statsFor(String path) {
        PathStats existing = stats.get(path);
        if (existing != null) return existing;
        synchronized (listeners) {
            existing = stats.get(path);
            if (existing != null) return existing;
            PathStats created = new PathStats(path);
            stats.put(path, created);
            listeners.forEach(listener -> tell(listener, created));
            return created;
        }
    }

    private static void tell(Consumer<PathStats> listener, PathStats pathStats) {
        try {
            listener.accept(pathStats);
        } catch (RuntimeException e) {
            LOG.warn("a listener for new ServerSideFunction paths failed", e);
        }
    }

    private void count(CallReport report) {
        PathStats counters = statsFor(report.path());
        counters.calls.increment();
        if (report.failed()) counters.errors.increment();
        if (report.limitStop()) counters.limitStops.increment();
        counters.wallNanos.add(report.wallNanos());
        counters.cpuNanos.add(report.cpuNanos());
    }

    private static ScriptFailure shuttingDown() {
        return new ScriptFailure(Fault.SCRIPT_ERROR.wampUri(), "the server is shutting down");
    }
}
