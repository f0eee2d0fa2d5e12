package io.vakt.server.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request body as the login endpoints see it, after the router has checked the Content-Type: a JSON object,
 * nothing at all, or something else (invalid JSON, or JSON that is not an object).
 */
public sealed interface JsonBody {
    /** A JSON object; values are what Jackson maps JSON to ({@code String}, {@code Number}, {@code Map}, …). */
    record Parsed(Map<String, Object> fields) implements JsonBody {
        public Parsed {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
        }

        /** The field if it is a JSON string, else null. */
        public String string(String name) {
            return fields.get(name) instanceof String text ? text : null;
        }
    }

    /** No body, or only whitespace. */
    record Empty() implements JsonBody {}

    /** Not a JSON object; {@code reason} is safe to show to the client. */
    record Malformed(String reason) implements JsonBody {}

    /** A body the router parsed itself: a JSON object's fields, or null when the body was empty. */
    static JsonBody of(Map<String, Object> fieldsOrNull) {
        return fieldsOrNull == null ? new Empty() : new Parsed(fieldsOrNull);
    }

    /**
     * Reads a UTF-8 body. Duplicate keys are refused: {@code {"username":"a","username":"b"}} has no single meaning.
     */
    static JsonBody parse(byte[] body) {
        return JsonBodyParser.parse(body);
    }
}
