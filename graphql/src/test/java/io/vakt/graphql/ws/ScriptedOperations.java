package io.vakt.graphql.ws;

import io.vakt.graphql.RequestContext;
import io.vakt.graphql.live.GroupMember;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An {@link OperationExecutor} whose outcomes the test hands out, whenever it likes. */
final class ScriptedOperations implements OperationExecutor {
    record Call(OperationPayload payload, RequestContext request, GroupMember member,
                CompletableFuture<Outcome> outcome) {
        void live(Handle handle) { outcome.complete(new Outcome.Live(handle)); }
    }

    /** A group membership that counts how often it was closed. */
    static final class Handle implements AutoCloseable {
        int closes;

        @Override
        public void close() { closes++; }
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public CompletionStage<Outcome> run(OperationPayload payload, RequestContext request, GroupMember member) {
        Call call = new Call(payload, request, member, new CompletableFuture<>());
        calls.add(call);
        return call.outcome();
    }

    Call call(int index) { return calls.get(index); }

    Call last() { return calls.getLast(); }

    int count() { return calls.size(); }
}
