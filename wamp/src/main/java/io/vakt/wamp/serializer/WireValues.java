package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Small checks on decoded values (the value model of {@link io.vakt.wamp.message.Payload}) shared by the reader. */
final class WireValues {
    private WireValues() {}

    /** WAMP spec "Identifiers": ids are integers in [0, 2^53], exactly representable in IEEE-754 doubles. */
    static final long MAX_ID = 1L << 53;

    /** The integer value of a decoded (or hand-built) integral number, or null when {@code value} is not one. */
    static Long integer(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case null, default -> null;
        };
    }

    static boolean isId(Object value) {
        Long l = integer(value);
        return l != null && l >= 0 && l <= MAX_ID;
    }

    static boolean isStringKeyedMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) return false;
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) return false;
        }
        return true;
    }

    /** A short description of a value for error texts: numbers as themselves, anything else by its type. */
    static String describe(Object value) {
        return switch (value) {
            case Long l -> l.toString();
            case Integer i -> i.toString();
            case BigInteger b -> b.toString();
            case null, default -> typeName(value);
        };
    }

    static String typeName(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string";
            case Boolean b -> "a boolean";
            case Long l -> "an integer";
            case Integer i -> "an integer";
            case Short s -> "an integer";
            case Byte b -> "an integer";
            case BigInteger b -> "an integer";
            case Double d -> "a float";
            case Float f -> "a float";
            case byte[] b -> "binary";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "a dict";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    static ProtocolViolation violation(String text) {
        return new ProtocolViolation(text);
    }
}
