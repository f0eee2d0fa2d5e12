package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;

import java.util.concurrent.CompletionStage;

/**
 * A procedure registered by an in-process session ({@link LocalSession#register}). It runs on the session's
 * handler executor, never on the router thread.
 *
 * <p>How the outcome becomes WAMP (spec §7.3, §7.4 decision): a completed stage becomes YIELD (and RESULT for
 * the caller); a {@link io.vakt.wamp.router.WampException}, thrown or completing the stage, becomes ERROR
 * with its URI and payload; anything else becomes ERROR {@code wamp.error.runtime_error} with the exception's
 * message in {@code args[0]}, as an AutobahnJS callee reports a thrown exception.
 */
@FunctionalInterface
public interface LocalProcedure {
    CompletionStage<Payload> invoke(LocalInvocation invocation);
}
