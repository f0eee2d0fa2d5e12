package io.vakt.scripting;

/**
 * What a function returned (after awaiting a Promise): a JSON-shaped Java value, or nothing when it
 * returned {@code undefined} (a WAMP RESULT without arguments).
 */
public record SsfResult(Object value, boolean undefined) {
    public static final SsfResult UNDEFINED = new SsfResult(null, true);

    public static SsfResult of(Object value) { return new SsfResult(value, false); }
}
