package io.vakt.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.ParseAndValidate;
import graphql.ErrorType;
import graphql.ParseAndValidateResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import graphql.validation.QueryComplexityLimits;
import io.vakt.graphql.schema.VaktSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The GraphQL engine for both transports: builds the schema, parses and validates documents once per
 * distinct text (with Vakt's depth and field-count limits), and executes queries and mutations. Execution
 * may block briefly (in-memory lookups, and writes that wait for read-back through futures); callers run it
 * off the event loop.
 */
public final class GraphqlEngine {
    private static final Logger log = LoggerFactory.getLogger(GraphqlEngine.class);

    private final GraphQLSchema schema;
    private final GraphQL graphql;
    private final GraphqlConfig config;
    private final QueryComplexityLimits limits;
    private final DocumentCache documents = new DocumentCache(1_000);

    public GraphqlEngine(LiveApi api, GraphqlConfig config) {
        this.config = config;
        this.schema = VaktSchema.build(api, config.minPollingInterval());
        this.limits = QueryComplexityLimits.newLimits()
                .maxDepth(config.maxQueryDepth())
                .maxFieldsCount(config.maxFieldsCount())
                .build();
        this.graphql = GraphQL.newGraphQL(schema)
                // always Vakt's own parse and validation, so an entry is the same whichever path cached it
                .preparsedDocumentProvider((input, parseAndValidate) ->
                        CompletableFuture.completedFuture(documents.get(input.getQuery(), this::parseAndValidate)))
                .build();
    }

    public GraphQLSchema schema() { return schema; }

    public GraphqlConfig config() { return config; }

    /** Executes a query or mutation; a subscription sent this way is answered with an error. */
    public CompletableFuture<ExecutionResult> execute(OperationRequest request, RequestContext context) {
        Optional<GraphQLError> tooLong = checkLength(request.query());
        if (tooLong.isPresent()) return CompletableFuture.completedFuture(errorResult(tooLong.get()));
        Prepared prepared = prepare(request);
        if (prepared instanceof Prepared.Ready ready
                && ready.operation().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return CompletableFuture.completedFuture(errorResult(GraphqlErrorBuilder.newError()
                    .message("Subscriptions are served over the WebSocket endpoint /arrigo/api/graphql/ws").build()));
        }
        return graphql.executeAsync(input(request, context));
    }

    ExecutionInput input(OperationRequest request, RequestContext context) {
        return ExecutionInput.newExecutionInput()
                .query(request.query())
                .variables(request.variables())
                .operationName(request.operationName())
                .graphQLContext(builder -> builder.of(RequestContext.KEY, context).of(QueryComplexityLimits.KEY, limits))
                .build();
    }

    /** Parses and validates a document (cached by text) and finds the operation to run. */
    public Prepared prepare(OperationRequest request) {
        Optional<GraphQLError> tooLong = checkLength(request.query());
        if (tooLong.isPresent()) return new Prepared.Invalid(List.of(tooLong.get()));
        PreparsedDocumentEntry entry = documents.get(request.query(), this::parseAndValidate);
        if (entry.hasErrors()) return new Prepared.Invalid(List.copyOf(entry.getErrors()));
        Document document = entry.getDocument();
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        Optional<OperationDefinition> chosen = request.operationName() == null
                ? (operations.size() == 1 ? Optional.of(operations.getFirst()) : Optional.empty())
                : operations.stream().filter(op -> request.operationName().equals(op.getName())).findFirst();
        if (chosen.isEmpty()) {
            String message = request.operationName() == null
                    ? "Must provide operation name if query contains multiple operations."
                    : "Unknown operation named '" + request.operationName() + "'.";
            return new Prepared.Invalid(List.of(GraphqlErrorBuilder.newError().message(message).build()));
        }
        return new Prepared.Ready(document, chosen.get());
    }

    private PreparsedDocumentEntry parseAndValidate(String query) {
        ExecutionInput input = ExecutionInput.newExecutionInput().query(query).build();
        ParseAndValidateResult parsed = ParseAndValidate.parse(input);
        if (parsed.isFailure()) return new PreparsedDocumentEntry(parsed.getSyntaxException().toInvalidSyntaxError());
        Document document = parsed.getDocument();
        // graphql-java 26 collects a subscription's root fields without variables and throws on a conditional
        // root field (@skip(if: true) → index out of bounds, @skip(if: $v) → NullPointerException)
        Optional<GraphQLError> conditionalRoot = SubscriptionRoots.conditionalRoot(document);
        if (conditionalRoot.isPresent()) return new PreparsedDocumentEntry(conditionalRoot.get());
        List<? extends GraphQLError> errors;
        try {
            errors = ParseAndValidate.validate(schema, document, rule -> true, java.util.Locale.ROOT, limits);
        } catch (RuntimeException validatorFailure) {
            // a document the validator cannot handle is the client's problem, not a server fault
            log.debug("GraphQL validator failed on a document: {}", validatorFailure.toString());
            errors = List.of(GraphqlErrorBuilder.newError().errorType(ErrorType.ValidationError)
                    .message("Validation error: the document cannot be validated").build());
        }
        return errors.isEmpty() ? new PreparsedDocumentEntry(document)
                : new PreparsedDocumentEntry(new java.util.ArrayList<GraphQLError>(errors));
    }

    private Optional<GraphQLError> checkLength(String query) {
        if (query != null && query.length() <= config.maxQueryLength()) return Optional.empty();
        return Optional.of(GraphqlErrorBuilder.newError()
                .message(query == null ? "No query given"
                        : "Query is " + query.length() + " characters long; the limit is " + config.maxQueryLength())
                .build());
    }

    static ExecutionResult errorResult(GraphQLError error) {
        return ExecutionResult.newExecutionResult().addError(error).build();
    }

    /** A request as both transports carry it. */
    public record OperationRequest(String query, Map<String, Object> variables, String operationName) {
        public OperationRequest {
            variables = variables == null ? Map.of() : variables;
        }
    }

    /** A parsed and validated document, or why it is not. */
    public sealed interface Prepared {
        record Ready(Document document, OperationDefinition operation) implements Prepared {}

        record Invalid(List<GraphQLError> errors) implements Prepared {}
    }
}
