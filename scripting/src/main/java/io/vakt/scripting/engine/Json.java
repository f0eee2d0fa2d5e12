package io.vakt.scripting.engine;

import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON mapper of the runtime. Values cross between Java and JavaScript as JSON text only, so that no
 * host object ever reaches script code and script objects never leak into the server.
 */
final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** @throws tools.jackson.core.JacksonException for a value that is not JSON-shaped */
    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Map, List, String, Number, Boolean or null. */
    static Object read(String text) {
        return MAPPER.readValue(text, Object.class);
    }

    static List<Object> readList(String text) {
        Object value = read(text);
        if (value instanceof List<?> list) return new ArrayList<>(list);
        List<Object> single = new ArrayList<>();
        single.add(value);
        return single;
    }
}
