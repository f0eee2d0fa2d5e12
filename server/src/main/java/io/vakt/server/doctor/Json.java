package io.vakt.server.doctor;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The doctor's JSON: reading answers leniently (a proxy's HTML is not an error here, just not JSON) and writing. */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** The parsed body, or a missing node when it is not JSON. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return MAPPER.missingNode();
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            return MAPPER.missingNode();
        }
    }

    static String write(Object value) { return MAPPER.writeValueAsString(value); }

    /** A text field, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : value.isNumber() || value.isBoolean() ? value.asString() : null;
    }
}
