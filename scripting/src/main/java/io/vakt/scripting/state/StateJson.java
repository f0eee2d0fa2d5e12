package io.vakt.scripting.state;

import io.vakt.core.error.Fault;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * The JSON text of state files. Only JSON-shaped values are stored ({@link Map} with string keys, {@link List},
 * {@link String}, {@link Number}, {@link Boolean}, null), so what a script stores is exactly what it reads back
 * and never a Java object's bean view.
 */
final class StateJson {
    /** Deep enough for any real document, shallow enough that a cyclic or hostile value fails fast. */
    static final int MAX_DEPTH = 200;
    /** A state file is a small document, not a data store (history belongs in the log database). */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StateJson() {}

    static String write(Object value) {
        requireJsonShaped(value, 0);
        String text;
        try {
            text = JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw Fault.INVALID_ARGUMENT.exception("data cannot be stored as JSON: " + e.getOriginalMessage());
        }
        if (text.length() > MAX_CHARS) {
            throw Fault.INVALID_ARGUMENT.exception("a state file may hold at most " + MAX_CHARS + " characters of JSON, this one would hold "
                    + text.length());
        }
        return text;
    }

    /** The stored value; a file that is not JSON (written by other means) reads as its text. */
    static Object read(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JacksonException notJson) {
            return text;
        }
    }

    private static void requireJsonShaped(Object value, int depth) {
        if (depth > MAX_DEPTH) throw Fault.INVALID_ARGUMENT.exception("data is nested deeper than " + MAX_DEPTH + " levels");
        switch (value) {
            case null -> { }
            case String ignored -> { }
            case Boolean ignored -> { }
            case Double d when !Double.isFinite(d) -> throw nonFinite();
            case Float f when !Float.isFinite(f) -> throw nonFinite();
            case Number ignored -> { }
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String)) {
                        throw Fault.INVALID_ARGUMENT.exception("data holds an object key that is not a string");
                    }
                    requireJsonShaped(entry.getValue(), depth + 1);
                }
            }
            case List<?> list -> {
                for (Object item : list) requireJsonShaped(item, depth + 1);
            }
            // no class name in the message: the script author sees JavaScript, not Java
            default -> throw Fault.INVALID_ARGUMENT.exception("data holds a value JSON cannot store (only objects, "
                    + "arrays, strings, numbers, booleans and null)");
        }
    }

    private static RuntimeException nonFinite() {
        return Fault.INVALID_ARGUMENT.exception("data holds NaN or Infinity, which JSON cannot store");
    }
}
