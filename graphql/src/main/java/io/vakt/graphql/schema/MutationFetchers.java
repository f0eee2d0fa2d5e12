package io.vakt.graphql.schema;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.path.ElementPath;
import io.vakt.core.write.WriteRequest;
import io.vakt.core.write.WriteResult;
import io.vakt.graphql.LiveApi;
import io.vakt.graphql.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code setData} and {@code writeData} (spec §4.3). A refused write answers {@code false} with a GraphQL
 * error naming the reason (spec §15 item 14); {@code writeData} runs its items one after the other, so two
 * writes of the same variable land in the order given.
 */
final class MutationFetchers {
    private final LiveApi api;

    MutationFetchers(LiveApi api) { this.api = api; }

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Mutation", type -> type
                .dataFetcher("setData", this::setData)
                .dataFetcher("writeData", this::writeData));
    }

    private CompletionStage<DataFetcherResult<Boolean>> setData(DataFetchingEnvironment env) {
        RequestContext request = RequestContext.of(env.getGraphQlContext());
        String nodePath = env.getArgument("nodePath");
        Optional<ElementPath> element = ElementPath.parse(env.getArgument("path"));
        if (nodePath == null || element.isEmpty()) {
            return CompletableFuture.completedFuture(refused(env, Fault.INVALID_PATH.exception(), null));
        }
        WriteRequest write = new WriteRequest(request.principal(), request.clientAddress(), nodePath,
                element.get().root(), element.get().index(), env.getArgument("value"));
        return api.writes().write(write).thenApply(result -> answer(env, result, null));
    }

    private CompletionStage<DataFetcherResult<List<Boolean>>> writeData(DataFetchingEnvironment env) {
        RequestContext request = RequestContext.of(env.getGraphQlContext());
        List<Map<String, Object>> items = env.getArgument("variables");
        List<Boolean> results = new ArrayList<>(items.size());
        List<GraphQLError> errors = new ArrayList<>();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < items.size(); i++) {
            int position = i;
            Map<String, Object> item = items.get(i);
            chain = chain.thenCompose(ignored -> writeItem(request, item)).thenAccept(result -> {
                DataFetcherResult<Boolean> answer = answer(env, result, position);
                results.add(answer.getData());
                errors.addAll(answer.getErrors());
            });
        }
        return chain.thenApply(done -> DataFetcherResult.<List<Boolean>>newResult().data(results).errors(errors).build());
    }

    private CompletionStage<WriteResult> writeItem(RequestContext request, Map<String, Object> item) {
        String key = (String) item.get("key");
        int colon = key.lastIndexOf(':');
        int index = -1;
        if (colon > 0) {
            try {
                index = Integer.parseInt(key.substring(colon + 1));
            } catch (NumberFormatException ignored) {
                // leaves index at -1: an Invalid path below
            }
        }
        if (index < 0) return CompletableFuture.completedFuture(new WriteResult.Refused(Fault.INVALID_PATH.exception()));
        Object value = item.get("value");
        return api.writes().write(new WriteRequest(request.principal(), request.clientAddress(),
                key.substring(0, colon), null, index, value == null ? null : value.toString()));
    }

    private static DataFetcherResult<Boolean> answer(DataFetchingEnvironment env, WriteResult result, Integer position) {
        return switch (result) {
            case WriteResult.Written ignored -> DataFetcherResult.<Boolean>newResult().data(true).build();
            case WriteResult.Refused refused -> refused(env, refused.reason(), position);
        };
    }

    private static DataFetcherResult<Boolean> refused(DataFetchingEnvironment env, VaktException reason, Integer position) {
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError(env).message(reason.getMessage())
                .extensions(Map.of("code", reason.fault().name()));
        if (position != null) error.path(env.getExecutionStepInfo().getPath().segment(position));
        return DataFetcherResult.<Boolean>newResult().data(false).error(error.build()).build();
    }
}
