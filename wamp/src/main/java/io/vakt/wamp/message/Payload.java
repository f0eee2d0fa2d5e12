package io.vakt.wamp.message;

import java.util.List;
import java.util.Map;

/**
 * The application payload of a message that carries one (PUBLISH, EVENT, CALL, INVOCATION, YIELD, RESULT,
 * ERROR): positional {@code args}, keyword {@code kwargs}, or, under Payload Passthru/Transparency (an
 * {@code enc_algo} or {@code ppt_scheme} in the options), one opaque {@code transparent} value the router
 * forwards untouched in the place of {@code args}.
 *
 * <p>Values are plain Java: {@code null}, {@link Boolean}, {@link Long} (or {@link java.math.BigInteger}
 * above {@code Long.MAX_VALUE}), {@link Double}, {@link String}, {@code byte[]}, {@link List} and
 * {@link Map} with string keys. The router passes them through without looking inside.
 *
 * @param args        positional arguments, or null when absent
 * @param kwargs      keyword arguments, or null when absent
 * @param transparent the opaque payload (usually {@code byte[]}), or null in the normal form
 */
public record Payload(List<Object> args, Map<String, Object> kwargs, Object transparent) {
    public static final Payload EMPTY = new Payload(null, null, null);

    public static Payload of(List<Object> args) { return new Payload(args, null, null); }

    public static Payload of(List<Object> args, Map<String, Object> kwargs) { return new Payload(args, kwargs, null); }

    public static Payload transparent(Object payload) { return new Payload(null, null, payload); }

    public boolean isEmpty() { return args == null && kwargs == null && transparent == null; }

    /** Positional arguments, never null. */
    public List<Object> argsOrEmpty() { return args == null ? List.of() : args; }

    /** Keyword arguments, never null. */
    public Map<String, Object> kwargsOrEmpty() { return kwargs == null ? Map.of() : kwargs; }
}
