package io.vakt.graphql.sse;

import io.vakt.graphql.ws.OperationPayload;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * A GraphQL request of the graphql-sse protocol (GraphQL over HTTP shape): {@code query}, {@code variables},
 * {@code operationName} and, in single connection mode, {@code extensions.operationId}. Bad requests get a
 * reason that names the field, so the client's 400 says what to fix.
 */
public final class SseRequest {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(100).build())
                    .build())
            .build();

    /** A request that could be read, or why not. */
    public sealed interface Parsed {
        /** @param operationId {@code extensions.operationId}, or null when the request has none */
        record Ok(OperationPayload operation, String operationId) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    private SseRequest() {}

    /** A JSON request body. */
    public static Parsed fromJson(byte[] body) {
        JsonNode json;
        try {
            json = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JacksonException malformed) {
            return new Parsed.Invalid("the request body is not valid JSON: " + firstLine(malformed.getOriginalMessage()));
        }
        if (json == null || !json.isObject()) return new Parsed.Invalid("the request body must be a JSON object with a \"query\"");
        return fromFields(json.get("query"), json.get("variables"), json.get("operationName"), json.get("extensions"));
    }

    /** GET query parameters: {@code variables} and {@code extensions} are JSON text. */
    public static Parsed fromParameters(String query, String variables, String operationName, String extensions) {
        JsonNode variablesNode;
        JsonNode extensionsNode;
        try {
            variablesNode = variables == null || variables.isBlank() ? null : MAPPER.readTree(variables);
            extensionsNode = extensions == null || extensions.isBlank() ? null : MAPPER.readTree(extensions);
        } catch (JacksonException malformed) {
            return new Parsed.Invalid("the \"variables\" or \"extensions\" parameter is not valid JSON: "
                    + firstLine(malformed.getOriginalMessage()));
        }
        return fromFields(query == null ? null : MAPPER.getNodeFactory().stringNode(query), variablesNode,
                operationName == null ? null : MAPPER.getNodeFactory().stringNode(operationName), extensionsNode);
    }

    @SuppressWarnings("unchecked")
    private static Parsed fromFields(JsonNode query, JsonNode variables, JsonNode operationName, JsonNode extensions) {
        if (query == null || !query.isString() || query.asString().isBlank()) {
            return new Parsed.Invalid("the request has no \"query\" string");
        }
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            return new Parsed.Invalid("\"variables\" must be a JSON object");
        }
        if (operationName != null && !operationName.isNull() && !operationName.isString()) {
            return new Parsed.Invalid("\"operationName\" must be a string");
        }
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            return new Parsed.Invalid("\"extensions\" must be a JSON object");
        }
        String operationId = null;
        JsonNode id = extensions == null ? null : extensions.get("operationId");
        if (id != null && !id.isNull()) {
            if (!id.isString() || id.asString().isEmpty()) return new Parsed.Invalid("\"extensions.operationId\" must be a non-empty string");
            operationId = id.asString();
        }
        Map<String, Object> variableMap = variables == null || !variables.isObject() ? Map.of()
                : MAPPER.convertValue(variables, Map.class);
        return new Parsed.Ok(new OperationPayload(query.asString(), variableMap,
                operationName != null && operationName.isString() ? operationName.asString() : null), operationId);
    }

    private static String firstLine(String text) {
        if (text == null) return "unreadable";
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
