package io.vakt.graphql.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/** JSON helpers for assertions. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    public static JsonNode tree(String json) { return MAPPER.readTree(json); }

    public static JsonNode tree(byte[] json) { return MAPPER.readTree(new String(json, StandardCharsets.UTF_8)); }

    public static JsonNode of(Object value) { return MAPPER.valueToTree(value); }

    public static String write(Object value) { return MAPPER.writeValueAsString(value); }
}
