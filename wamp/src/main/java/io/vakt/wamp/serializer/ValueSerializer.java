package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;

import java.util.List;

/**
 * A {@link Serializer} whose format carries a message as a generic array: the format-specific part only turns
 * bytes into the value model ({@code null}, {@code Boolean}, {@code Long}/{@code BigInteger}, {@code Double},
 * {@code String}, {@code byte[]}, {@code List}, {@code Map} with string keys) and back, and {@link MessageReader}
 * / {@link MessageWriter} do the WAMP shape once for all formats.
 *
 * <p>{@link #decodeArray} and {@link #encodeArray} are public so that test clients can send deliberately
 * malformed messages and look at raw arrays.
 */
public abstract sealed class ValueSerializer implements Serializer
        permits JsonSerializer, MsgpackSerializer, CborSerializer {

    /** Containers nested deeper than this (the message array itself is level 1) are rejected before reading on. */
    public static final int MAX_NESTING_DEPTH = 64;

    ValueSerializer() {}

    @Override
    public final WampMessage decode(byte[] bytes) {
        return MessageReader.read(decodeArray(bytes));
    }

    @Override
    public final byte[] encode(WampMessage message) {
        return encodeArray(MessageWriter.write(message));
    }

    /**
     * Decodes the bytes of one message into its array, without looking at the WAMP shape.
     *
     * @throws ProtocolViolation when the bytes are not one well-formed array of this format within the limits
     */
    public abstract List<Object> decodeArray(byte[] bytes);

    /**
     * Encodes a message array.
     *
     * @throws IllegalArgumentException when a value is outside the value model or this format cannot carry it
     */
    public abstract byte[] encodeArray(List<?> array);

    static ProtocolViolation tooDeep() {
        return new ProtocolViolation("message nested deeper than " + MAX_NESTING_DEPTH + " levels");
    }
}
