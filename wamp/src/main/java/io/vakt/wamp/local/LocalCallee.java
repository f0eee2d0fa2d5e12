package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Error;
import io.vakt.wamp.message.WampMessage.Interrupt;
import io.vakt.wamp.message.WampMessage.Invocation;
import io.vakt.wamp.message.WampMessage.Yield;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampScheduler;
import io.vakt.wamp.router.WampUris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The callee side of a local session (WAMP spec "Remote Procedure Calls", "Progressive Call Results",
 * "Call Canceling"): runs each INVOCATION's procedure on the handler executor, in parallel with other
 * invocations, and hops its progress and outcome back to the router thread as YIELD or ERROR.
 * Router thread only, except where noted.
 */
final class LocalCallee {
    private static final Logger log = LoggerFactory.getLogger(LocalCallee.class);

    /** One invocation in progress. The stage is set on the handler thread and read on the router thread. */
    private static final class Running {
        volatile CompletionStage<Payload> stage;
        volatile boolean interrupted;
    }

    private final long sessionId;
    private final WampScheduler scheduler;
    private final Executor handlers;
    private final Consumer<WampMessage> toRouter;
    private final Map<Long, Running> running = new HashMap<>();

    /** @param toRouter sends a YIELD or ERROR into the realm (router thread) */
    LocalCallee(long sessionId, WampScheduler scheduler, Executor handlers, Consumer<WampMessage> toRouter) {
        this.sessionId = sessionId;
        this.scheduler = scheduler;
        this.handlers = handlers;
        this.toRouter = toRouter;
    }

    void invoke(Invocation invocation, Identity caller, LocalProcedure procedure) {
        long request = invocation.request();
        Running run = new Running();
        running.put(request, run);
        boolean progressive = Boolean.TRUE.equals(invocation.details().get("receive_progress"));
        // Progress the caller did not ask for has nowhere to go (WAMP spec "Progressive Call Results").
        ProgressSink sink = progressive ? payload -> scheduler.execute(() -> progress(request, payload)) : payload -> { };
        LocalInvocation call = new LocalInvocation(invocation.payload(), invocation.details(), sink, caller);
        try {
            handlers.execute(() -> run(request, run, procedure, call));
        } catch (RejectedExecutionException e) {
            running.remove(request);
            toRouter.accept(error(request, WampUris.RUNTIME_ERROR, "the service is not taking calls"));
        }
    }

    /** WAMP spec "Call Canceling": the router asks to stop; answer ERROR canceled unless the mode expects none. */
    void interrupt(Interrupt interrupt) {
        Running run = running.remove(interrupt.request());
        if (run == null) return;
        stop(run);
        if (!"killnowait".equals(interrupt.options().get("mode"))) {
            toRouter.accept(error(interrupt.request(), WampUris.CANCELED, "the call was canceled"));
        }
    }

    /** The session ended: running procedures are asked to stop, their outcomes go nowhere. */
    void stopAll() {
        for (Running run : running.values()) stop(run);
        running.clear();
    }

    /** Handler thread. */
    private void run(long request, Running run, LocalProcedure procedure, LocalInvocation invocation) {
        CompletionStage<Payload> stage;
        try {
            stage = procedure.invoke(invocation);
            if (stage == null) stage = CompletableFuture.failedFuture(new IllegalStateException("the procedure returned no result stage"));
        } catch (Throwable thrown) {
            stage = CompletableFuture.failedFuture(thrown);
        }
        run.stage = stage;
        if (run.interrupted) cancel(stage);
        stage.whenComplete((result, failure) -> scheduler.execute(() -> finish(request, result, failure)));
    }

    private void progress(long request, Payload payload) {
        if (!running.containsKey(request)) return;
        toRouter.accept(new Yield(request, Map.of("progress", true), payload == null ? Payload.EMPTY : payload));
    }

    private void finish(long request, Payload result, Throwable failure) {
        // Interrupted, or the session ended: the router no longer waits for this invocation.
        if (running.remove(request) == null) return;
        if (failure == null) {
            toRouter.accept(new Yield(request, Map.of(), result == null ? Payload.EMPTY : result));
            return;
        }
        Throwable cause = unwrap(failure);
        switch (cause) {
            case WampException wamp -> toRouter.accept(new Error(Invocation.CODE, request, Map.of(), wamp.uri(), wamp.payload()));
            case CancellationException canceled -> toRouter.accept(error(request, WampUris.CANCELED, "the call was canceled"));
            default -> {
                log.debug("local session {}: procedure failed", sessionId, cause);
                String text = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                toRouter.accept(error(request, WampUris.RUNTIME_ERROR, text));
            }
        }
    }

    private void stop(Running run) {
        run.interrupted = true;
        CompletionStage<Payload> stage = run.stage;
        if (stage == null) return;
        // Cancelling runs the stage's dependents at once; they belong on the handler executor, not here.
        try {
            handlers.execute(() -> cancel(stage));
        } catch (RejectedExecutionException e) {
            log.debug("local session {}: could not cancel a running procedure", sessionId, e);
        }
    }

    private static void cancel(CompletionStage<Payload> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException e) {
            // A stage that cannot be cancelled runs to its end; its outcome is ignored.
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Error error(long request, String uri, String text) {
        return new Error(Invocation.CODE, request, Map.of(), uri, Payload.of(List.of(text)));
    }
}
