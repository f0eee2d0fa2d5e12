package io.vakt.graphql;

import graphql.GraphQLError;
import graphql.GraphQLException;
import graphql.execution.RawVariables;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import io.vakt.core.access.AccessLevel;
import io.vakt.core.error.Fault;
import io.vakt.core.model.NodeRef;
import io.vakt.graphql.GraphqlEngine.OperationRequest;
import io.vakt.graphql.GraphqlEngine.Prepared;
import io.vakt.graphql.live.GroupKey;
import io.vakt.graphql.live.GroupMember;
import io.vakt.graphql.live.Projection;
import io.vakt.graphql.live.SubscriptionGroups;
import io.vakt.graphql.live.VariableField;
import io.vakt.graphql.ws.OperationExecutor;
import io.vakt.graphql.ws.OperationPayload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Runs the WebSocket sessions' operations on a worker executor. A {@code data} subscription is parsed,
 * validated and authorized by graphql-java once; graphql-java's normalized operation then tells which
 * fields (after fragments, aliases and directives) each update must carry, and the subscription joins the
 * group of identical subscriptions instead of running the execution engine for every event.
 */
public final class GraphqlOperations implements OperationExecutor {
    private final GraphqlEngine engine;
    private final LiveApi api;
    private final SubscriptionGroups groups;
    private final Executor worker;

    public GraphqlOperations(GraphqlEngine engine, LiveApi api, SubscriptionGroups groups, Executor worker) {
        this.engine = engine;
        this.api = api;
        this.groups = groups;
        this.worker = worker;
    }

    @Override
    public CompletionStage<Outcome> run(OperationPayload payload, RequestContext request, GroupMember member) {
        OperationRequest operation = new OperationRequest(payload.query(), payload.variables(), payload.operationName());
        return CompletableFuture.supplyAsync(() -> engine.prepare(operation), worker).thenCompose(prepared -> switch (prepared) {
            case Prepared.Invalid invalid -> CompletableFuture.completedFuture(rejected(invalid.errors()));
            case Prepared.Ready ready -> ready.operation().getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                    ? CompletableFuture.supplyAsync(() -> subscribe(ready, operation, request, member), worker)
                    : engine.execute(operation, request).thenApply(result -> new Outcome.Single(result.toSpecification()));
        });
    }

    private Outcome subscribe(Prepared.Ready ready, OperationRequest operation, RequestContext request, GroupMember member) {
        ExecutableNormalizedOperation normalized;
        try {
            normalized = ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                    engine.schema(), ready.document(), operation.operationName(), RawVariables.of(operation.variables()));
        } catch (GraphQLException badVariables) {
            Map<String, Object> error = badVariables instanceof GraphQLError graphqlError
                    ? graphqlError.toSpecification() : Map.of("message", badVariables.getMessage());
            return new Outcome.Rejected(List.of(error));
        }
        // validation guarantees exactly one root field, and the only subscription field is data(path:)
        ExecutableNormalizedField root = normalized.getTopLevelFields().getFirst();
        Object path = root.getResolvedArguments().get("path");
        Optional<NodeRef> node = path instanceof String text
                ? api.project().node(text).filter(ref -> api.access().canSee(request.principal(), ref.area()))
                : Optional.empty();
        if (node.isEmpty()) return invalidPath(root.getResultKey());
        AccessLevel level = api.access().levelIn(request.principal(), node.get().area());
        GroupKey key = new GroupKey(node.get().nodePath(), projection(root), level);
        return new Outcome.Live(groups.join(key, node.get(), member));
    }

    private static Projection projection(ExecutableNormalizedField root) {
        List<Projection.Output> outputs = new ArrayList<>();
        for (ExecutableNormalizedField child : root.getChildren()) {
            VariableField.bySchemaName(child.getName())
                    .ifPresent(field -> outputs.add(new Projection.Output(child.getResultKey(), field)));
        }
        return new Projection(root.getResultKey(), outputs);
    }

    /** spec §3: an unknown path in the data subscription is a GraphQL error with message "Invalid path". */
    private static Outcome invalidPath(String rootKey) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", Fault.INVALID_PATH.message());
        error.put("path", List.of(rootKey));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", null);
        result.put("errors", List.of(error));
        return new Outcome.Single(result);
    }

    private static Outcome rejected(List<GraphQLError> errors) {
        return new Outcome.Rejected(errors.stream().map(GraphQLError::toSpecification).toList());
    }

}
