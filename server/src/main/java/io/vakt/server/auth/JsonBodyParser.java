package io.vakt.server.auth;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Turns request bytes into a {@link JsonBody}. */
final class JsonBodyParser {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodyParser() {}

    static JsonBody parse(byte[] body) {
        if (body == null) return new JsonBody.Empty();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) return new JsonBody.Empty();
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            return new JsonBody.Malformed("body is not valid JSON");
        }
        if (!(value instanceof Map<?, ?> map)) return new JsonBody.Malformed("body must be a JSON object");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return new JsonBody.Parsed(fields);
    }
}
