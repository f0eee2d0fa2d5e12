package io.vakt.graphql.ws;

import io.vakt.graphql.RequestContext;
import io.vakt.graphql.live.GroupMember;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs GraphQL operations for the WebSocket sessions, off the event loop: parses, validates and
 * authorizes, then either executes a query or mutation, or joins a {@code data} subscription to its
 * subscription group with {@code member} receiving the updates.
 */
public interface OperationExecutor {
    CompletionStage<Outcome> run(OperationPayload payload, RequestContext request, GroupMember member);

    /** How an operation started. */
    sealed interface Outcome {
        /** Refused before execution (syntax, validation, variables): GraphQL errors as maps. */
        record Rejected(List<Map<String, Object>> errors) implements Outcome {}

        /** A single execution result (query, mutation, or a subscription that failed to start). */
        record Single(Map<String, Object> result) implements Outcome {}

        /** A live subscription; closing the handle leaves the group. */
        record Live(AutoCloseable membership) implements Outcome {}
    }
}
