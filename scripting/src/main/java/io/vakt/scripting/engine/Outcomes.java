package io.vakt.scripting.engine;

import io.vakt.core.error.Fault;
import io.vakt.scripting.ScriptFailure;
import io.vakt.scripting.SsfConfig;
import io.vakt.scripting.SsfResult;
import org.graalvm.polyglot.PolyglotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Turns how a run ended into what its caller gets: a result, a {@link ScriptFailure} carrying only the
 * script's message and URI, or {@code LIMIT_EXCEEDED}; and decides from a {@link PolyglotException} whether
 * the context survives. Kept apart from the worker so the mapping the callers see is in one place.
 */
final class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);
    static final String RUNTIME_ERROR = Fault.SCRIPT_ERROR.wampUri();
    static final String INTERNAL_ERROR = "internal error in the ServerSideFunction runtime";

    private final SsfConfig config;
    private final Limits limits;
    private final Consumer<CallReport> reports;

    Outcomes(SsfConfig config, Limits limits, Consumer<CallReport> reports) {
        this.config = config;
        this.limits = limits;
        this.reports = reports;
    }

    /** What a PolyglotException out of the context means for the run; marks the context for rebuilding when needed. */
    Ending classify(PolyglotException e, CallRun run) {
        if (e.isResourceExhausted() && e.isCancelled() && config.statementLimit() > 0) {
            run.stop(limits.statements());
            run.discardContext();
            return new Ending.Stopped(run.stopReason());
        }
        if (e.isCancelled()) run.discardContext();
        if (e.isInterrupted() || e.isCancelled()) {
            StopReason reason = run.stopReason();
            return reason != null ? new Ending.Stopped(reason) : new Ending.Failed("the call was interrupted");
        }
        if (e.isResourceExhausted()) {
            run.discardContext();
            return new Ending.Failed("the call ran out of memory or stack space");
        }
        if (e.isHostException() || e.isInternalError() || !e.isGuestException()) {
            LOG.warn("[ssf {}] fault in the ServerSideFunction runtime", run.block().path(), e);
            run.discardContext();
            return new Ending.Failed(INTERNAL_ERROR);
        }
        // a guest error outside the function: syntax or top-level code of a block evaluated in this context
        return new Ending.Failed(CodeErrors.describe(run.block(), e));
    }

    /** Why evaluating a block for registration failed, as the registering admin reads it. */
    Throwable loadFailure(CodeBlock block, Ending ending) {
        return switch (ending) {
            case Ending.Stopped(StopReason reason) when reason.kind() == StopReason.Kind.SHUTDOWN ->
                    new ScriptFailure(RUNTIME_ERROR, reason.message());
            case Ending.Stopped(StopReason reason) ->
                    Fault.INVALID_CODE.exception(block.sourceName() + ": top-level code " + reason.message());
            case Ending.Failed(String message) -> Fault.INVALID_CODE.exception(message);
            default -> Fault.INVALID_CODE.exception(block.sourceName() + ": " + INTERNAL_ERROR);
        };
    }

    void answer(Job.Call job, Ending ending, long wall, long cpu) {
        String path = job.path();
        String method = job.invocation().method();
        switch (ending) {
            case Ending.Settled(Settlement s) when s.ok() -> {
                SsfResult result = s.text() == null ? SsfResult.UNDEFINED : SsfResult.of(Json.read(s.text()));
                reports.accept(new CallReport(path, wall, cpu, false, false));
                job.result().complete(result);
            }
            case Ending.Settled(Settlement s) -> {
                if (LOG.isDebugEnabled()) LOG.debug("[ssf {}] {} failed: {}", path, method, s.stack() != null ? s.stack() : s.message());
                fail(job, new ScriptFailure(s.uri() != null ? s.uri() : RUNTIME_ERROR, s.message()), wall, cpu, false);
            }
            case Ending.Stopped(StopReason reason) when reason.kind() == StopReason.Kind.SHUTDOWN ->
                    fail(job, new ScriptFailure(RUNTIME_ERROR, reason.message()), wall, cpu, false);
            case Ending.Stopped(StopReason reason) -> {
                LOG.warn("[ssf {}] {} {}", path, method, reason.message());
                fail(job, Fault.LIMIT_EXCEEDED.exception(reason.message()), wall, cpu, true);
            }
            case Ending.Failed(String message) -> {
                LOG.debug("[ssf {}] {} failed: {}", path, method, message);
                fail(job, new ScriptFailure(RUNTIME_ERROR, message), wall, cpu, false);
            }
            case Ending.NeverSettles() -> fail(job, new ScriptFailure(RUNTIME_ERROR,
                    method + " returned a Promise that never settles: nothing is left that could settle it"), wall, cpu, false);
        }
    }

    /** A fault of the runtime itself (logged where it happened): the caller learns no more than that. */
    void internalError(Job job) {
        fail(job, new ScriptFailure(RUNTIME_ERROR, INTERNAL_ERROR), 0, 0, false);
    }

    private void fail(Job job, Throwable error, long wall, long cpu, boolean limitStop) {
        switch (job) {
            case Job.Call call -> {
                reports.accept(new CallReport(job.path(), wall, cpu, true, limitStop));
                call.result().completeExceptionally(error);
            }
            case Job.Load load -> load.result().completeExceptionally(error);
        }
    }
}
