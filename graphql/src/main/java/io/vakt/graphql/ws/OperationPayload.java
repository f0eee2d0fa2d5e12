package io.vakt.graphql.ws;

import java.util.Map;

/** The GraphQL request inside {@code start} (legacy) and {@code subscribe} (graphql-transport-ws). */
public record OperationPayload(String query, Map<String, Object> variables, String operationName) {
    public OperationPayload {
        variables = variables == null ? Map.of() : variables;
    }
}
