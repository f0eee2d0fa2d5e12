package io.vakt.scripting.engine;

import io.vakt.scripting.SsfConfig;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Value;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sandboxed GraalJS context with the prelude evaluated in it, and the exports of the code blocks it has
 * evaluated. Single-threaded: only its worker uses it, except for {@link #context()}'s interrupt from the
 * watchdog.
 *
 * <p>A block is evaluated lazily, the first time this context runs a call of its path and version, so its
 * module-level variables belong to this context: they are not shared with the other contexts (a path's calls
 * land on any of them) and start afresh when a context is rebuilt. Sharing goes through {@code state}.
 */
final class JsContext implements AutoCloseable {
    /** What evaluating a block gave: the exported function names, or why it exports none. */
    record Loaded(Value exports, List<String> functions, String problem) {}

    private final Context context;
    private final Value begin;
    private final Value end;
    private final Value describe;
    private final Value run;
    private final Value fire;
    private final Map<String, Loaded> blocks = new HashMap<>();
    private final Map<String, Long> blockIds = new HashMap<>();
    private volatile boolean cancelled;

    private JsContext(Context context, Value api) {
        this.context = context;
        this.begin = api.getMember("begin");
        this.end = api.getMember("end");
        this.describe = api.getMember("describe");
        this.run = api.getMember("run");
        this.fire = api.getMember("fire");
    }

    static JsContext open(Engine engine, SsfConfig config, JsBridge bridge) {
        Context.Builder builder = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                // CONSTRAINED refuses System.out; scripts print through console, which the prelude replaces
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false");
        if (config.statementLimit() > 0) {
            builder.resourceLimits(ResourceLimits.newBuilder()
                    .statementLimit(config.statementLimit(), source -> !source.isInternal())
                    .build());
        }
        Context context = builder.build();
        try {
            Value api = context.eval(Prelude.source()).execute(bridge.proxy());
            return new JsContext(context, api);
        } catch (RuntimeException e) {
            closeQuietly(context);
            throw e;
        }
    }

    /** For {@link Context#interrupt} from the watchdog; everything else stays on the worker thread. */
    Context context() { return context; }

    void resetLimits() { context.resetLimits(); }

    void begin(long runId) { begin.executeVoid(runId); }

    void end(long runId) { end.executeVoid(runId); }

    /**
     * Evaluates {@code block} in this context (its top-level code runs now) and keeps the exports when they
     * are usable. Guest errors (syntax, top-level throw) and limit stops propagate as {@link PolyglotException}.
     */
    Loaded load(CodeBlock block) {
        Value exports = context.eval(block.source()).execute();
        Map<?, ?> description = (Map<?, ?>) Json.read(describe.execute(exports).asString());
        Loaded loaded;
        if (description.get("functions") instanceof List<?> names) {
            loaded = new Loaded(exports, names.stream().map(String::valueOf).toList(), null);
            blocks.put(block.path(), loaded);
            blockIds.put(block.path(), block.id());
        } else {
            loaded = new Loaded(exports, List.of(), String.valueOf(description.get("problem")));
        }
        return loaded;
    }

    /** The block's exports in this context, evaluating it first when this context has not yet (or an older version). */
    Loaded exports(CodeBlock block) {
        Long id = blockIds.get(block.path());
        if (id != null && id == block.id()) return blocks.get(block.path());
        return load(block);
    }

    /** Drops a path's exports (the path was unregistered), so its closures can be collected. */
    void forget(String path) {
        blocks.remove(path);
        blockIds.remove(path);
    }

    void run(long runId, Value fn, String kwargsJson, String detailsJson, String token, String encodedPath) {
        run.executeVoid(runId, fn, kwargsJson, detailsJson, token, encodedPath);
    }

    void fire(long runId, int timerId) { fire.executeVoid(runId, timerId); }

    /**
     * Cancels whatever runs in the context and closes it, from any thread; the worker then builds a new one.
     * Waits until the running code has stopped.
     */
    void cancel() {
        cancelled = true;
        try {
            context.close(true);
        } catch (RuntimeException alreadyCancelled) {
            // a cancelled context rethrows its cancellation from close
        }
    }

    boolean isCancelled() { return cancelled; }

    /** Closes the context; a context cancelled by a limit rethrows its cause from close, which is discarded. */
    @Override
    public void close() { closeQuietly(context); }

    private static void closeQuietly(Context context) {
        try {
            context.close();
        } catch (RuntimeException alreadyCancelled) {
            // a cancelled or interrupted context reports its cancellation again; nothing is left to release
        }
    }
}
