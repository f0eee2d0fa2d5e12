package io.vakt.server.ssf;

import io.vakt.core.error.Fault;
import io.vakt.wamp.message.Payload;

import java.util.List;
import java.util.Map;

/**
 * The arguments of one call to an {@code ssf.*} or {@code state.*} procedure. ArrigoLocal clients pass them
 * positionally ({@code [path, methodName]}), some scripts by name; so each named argument is read from its
 * position or else from the kwargs. Wrong types become {@code wamp.error.invalid_argument} naming the
 * procedure, the argument and the JSON type that came instead.
 */
final class SsfArguments {
    private final String procedure;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    SsfArguments(String procedure, Payload payload) {
        this.procedure = procedure;
        this.args = payload.argsOrEmpty();
        this.kwargs = payload.kwargsOrEmpty();
    }

    List<Object> positional() { return args; }

    Map<String, Object> kwargs() { return kwargs; }

    /** Positional argument {@code index}, or else kwarg {@code name}; null when neither is there. */
    Object value(int index, String name) {
        if (index < args.size()) return args.get(index);
        return kwargs.get(name);
    }

    /** A required string (empty allowed). */
    String string(int index, String name) {
        Object value = value(index, name);
        if (value instanceof String text) return text;
        throw Fault.INVALID_ARGUMENT.exception(procedure + ": argument " + (index + 1) + " '" + name
                + "' must be a string, got " + kind(value));
    }

    /** The JSON name of a value's type, for error messages (never a Java class name). */
    static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Number n -> "a number";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case byte[] b -> "binary data";
            default -> "an unsupported value";
        };
    }
}
