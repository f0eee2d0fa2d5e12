package io.vakt.scripting.engine;

import io.vakt.scripting.SsfInvocation;
import io.vakt.scripting.SsfResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Work for a worker: a call of an exported function, or the evaluation of a block being registered. */
sealed interface Job {
    CodeBlock block();

    default String path() { return block().path(); }

    /** Calls count against {@code ssf.maxQueuedCalls}; registrations do not (they are few and come from admins). */
    boolean isCall();

    /** @param kwargsJson the kwargs as JSON, converted before queueing so bad input fails fast */
    record Call(CodeBlock block, SsfInvocation invocation, String kwargsJson, String detailsJson,
                CompletableFuture<SsfResult> result) implements Job {
        @Override public boolean isCall() { return true; }
    }

    record Load(CodeBlock block, CompletableFuture<List<String>> result) implements Job {
        @Override public boolean isCall() { return false; }
    }
}
