package io.vakt.server.http;

import io.vakt.core.error.Fault;
import io.vakt.graphql.GraphqlEngine;
import io.vakt.graphql.GraphqlEngine.OperationRequest;
import io.vakt.graphql.RequestContext;
import io.vakt.server.auth.AuthGuard;
import io.vakt.server.auth.Guarded;
import io.vakt.server.auth.JsonBody;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@code POST /arrigo/api/graphql} (spec §4.1): a Bearer token, a JSON body {@code {query, variables?,
 * operationName?}}, and the GraphQL result as JSON. Execution runs on the blocking executor, never on the
 * event loop.
 */
final class GraphqlHttpHandler {
    private final GraphqlEngine engine;
    private final AuthGuard guard;
    private final Executor blocking;

    GraphqlHttpHandler(GraphqlEngine engine, AuthGuard guard, Executor blocking) {
        this.engine = engine;
        this.guard = guard;
        this.blocking = blocking;
    }

    void handle(RoutingContext routing, JsonBody body) {
        Guarded guarded = guard.check(routing.request().getHeader("Authorization"));
        if (guarded instanceof Guarded.Denied denied) {
            Responses.write(routing, denied.answer());
            return;
        }
        Guarded.Allowed allowed = (Guarded.Allowed) guarded;
        Object query = body instanceof JsonBody.Parsed parsed ? parsed.fields().get("query") : null;
        if (!(query instanceof String text)) {
            Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY,
                    "body must be a JSON object with a \"query\" string"));
            return;
        }
        Map<String, Object> fields = ((JsonBody.Parsed) body).fields();
        Object variables = fields.get("variables");
        Object operationName = fields.get("operationName");
        if (variables != null && !(variables instanceof Map<?, ?>)) {
            Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY, "\"variables\" must be a JSON object"));
            return;
        }
        @SuppressWarnings("unchecked")
        OperationRequest request = new OperationRequest(text, (Map<String, Object>) variables,
                operationName instanceof String name ? name : null);
        RequestContext context = new RequestContext(allowed.principal(), ClientAddress.of(routing));
        CompletionStage<HttpAnswer> answer = CompletableFuture
                .supplyAsync(() -> engine.execute(request, context), blocking)
                .thenCompose(result -> result)
                .thenApply(result -> HttpAnswer.ok(result.toSpecification()));
        Responses.writeLater(routing, answer);
    }
}
