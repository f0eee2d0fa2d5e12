package io.vakt.scripting.db;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code params} argument of {@code db.<table>.query} in its accepted shapes (spec: "params as
 * [{name: value}] or [{key, value}], placeholders @name"), flattened to name → value:
 * <ul>
 *   <li>{@code null}: no parameters;</li>
 *   <li>an object {@code {name: value, …}};</li>
 *   <li>an array of single-entry objects {@code [{name: value}, …]};</li>
 *   <li>an array of {@code {key, value}} objects {@code [{key: "name", value: 1}, …]}.</li>
 * </ul>
 * A leading {@code @} on a name is dropped, so {@code {"@site": 1}} fills {@code @site}. Values must be
 * strings, numbers, booleans or null; a name given twice is refused rather than silently picking one.
 */
final class QueryParameters {
    private static final Set<String> KEY_VALUE = Set.of("key", "value");

    private QueryParameters() {}

    static Map<String, Object> of(Object params) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (params) {
            case null -> { }
            case Map<?, ?> map -> map.forEach((name, value) -> put(out, name, value));
            case List<?> list -> {
                for (Object item : list) entry(out, item);
            }
            default -> throw invalid("db.query params must be an object or an array of objects");
        }
        return out;
    }

    /**
     * {@code {key, value}} when exactly those two fields are there, otherwise a single {@code {name: value}}:
     * so {@code {key: "x"}} alone is a parameter named "key".
     */
    private static void entry(Map<String, Object> out, Object item) {
        if (item instanceof Map<?, ?> map && map.keySet().equals(KEY_VALUE)) {
            put(out, map.get("key"), map.get("value"));
        } else if (item instanceof Map<?, ?> map && map.size() == 1) {
            map.forEach((name, value) -> put(out, name, value));
        } else {
            throw invalid("each db.query params entry must be {name: value} or {key, value}");
        }
    }

    private static void put(Map<String, Object> out, Object name, Object value) {
        if (!(name instanceof String text) || text.isEmpty() || text.equals("@")) {
            throw invalid("db.query parameter names must be non-empty strings");
        }
        String key = text.startsWith("@") ? text.substring(1) : text;
        if (!(value == null || value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw invalid("the value for @" + key + " must be a string, number, boolean or null");
        }
        if (out.containsKey(key)) throw invalid("db.query parameter @" + key + " is given twice");
        out.put(key, value);
    }

    private static VaktException invalid(String detail) {
        return Fault.INVALID_ARGUMENT.exception(detail);
    }
}
