package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A request of a {@link LocalSession} waiting for the router's answer, by kind. Router thread only. */
sealed interface Pending {
    CompletableFuture<?> future();

    record Register(CompletableFuture<Long> future, LocalProcedure procedure) implements Pending {}

    record Unregister(CompletableFuture<Void> future, long registration) implements Pending {}

    /** @param progress receives progressive results; null when the caller did not ask for them */
    record Call(CompletableFuture<CallResult> future, Consumer<Payload> progress) implements Pending {}

    /** @param topic the subscribed topic, lower-cased */
    record Subscribe(CompletableFuture<Long> future, String topic, Consumer<LocalEvent> handler) implements Pending {}

    record Publish(CompletableFuture<Long> future) implements Pending {}
}
