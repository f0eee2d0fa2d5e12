package io.vakt.driver.mqtt;

import io.vakt.core.driver.support.SampleValues;
import io.vakt.core.error.Fault;
import io.vakt.core.model.PointType;
import io.vakt.core.model.PointValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a message payload into a point's value and a written value into a command payload. Decoding never
 * throws: a payload that does not fit the point is a {@link Decoded.Refused} naming why, which the driver
 * reports as an ERROR sample.
 */
final class Payloads {
    /** Larger payloads are refused before they are decoded (a state value is a few bytes, a JSON object a few KiB). */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {}

    /** What a payload means for one point. */
    sealed interface Decoded permits Decoded.Value, Decoded.Refused {
        /** The point's value ({@link Double}, {@link Long} or {@link String}). */
        record Value(Object value) implements Decoded {}

        /** Why the payload holds no value for the point. */
        record Refused(String reason) implements Decoded {}
    }

    static Decoded decode(MqttPoint point, byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Decoded.Refused("payload of " + payload.length + " bytes exceeds the limit of "
                    + MAX_PAYLOAD_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return new Decoded.Refused("payload is not UTF-8 text");
        }
        return point.field() == null ? plain(point, text) : json(point, text);
    }

    private static Decoded plain(MqttPoint point, String text) {
        if (point.point().type() != PointType.STRING && text.isBlank()) {
            return new Decoded.Refused("payload is empty");
        }
        try {
            return new Decoded.Value(SampleValues.fromText(point.point(), text));
        } catch (IllegalArgumentException e) {
            return new Decoded.Refused("payload " + e.getMessage());
        }
    }

    private static Decoded json(MqttPoint point, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return new Decoded.Refused("payload is not JSON (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (root == null || root.isMissingNode()) return new Decoded.Refused("payload is empty, not JSON");
        Optional<JsonNode> found = point.field().find(root);
        if (found.isEmpty()) return new Decoded.Refused("payload has no field " + point.field());
        JsonNode node = found.get();
        if (node.isNumber()) {
            return new Decoded.Value(point.point().type() == PointType.INTEGER && node.canConvertToLong()
                    ? (Object) node.longValue() : SampleValues.fromNumber(point.point(), node.doubleValue()));
        }
        if (node.isBoolean()) return new Decoded.Value(SampleValues.fromBoolean(point.point(), node.booleanValue()));
        if (node.isString()) return plain(point, node.stringValue());
        if (node.isNull()) return new Decoded.Refused("field " + point.field() + " is null");
        if (point.point().type() == PointType.STRING) return new Decoded.Value(node.toString());
        return new Decoded.Refused("field " + point.field() + " is " + (node.isArray() ? "an array" : "an object")
                + ", not a value");
    }

    /**
     * The command payload for a written value (already of the point's type).
     *
     * @throws io.vakt.core.error.VaktException {@link Fault#INVALID_VALUE} when a numeric point gets no number
     */
    static byte[] encode(MqttPoint point, Object value) {
        Object typed = value;
        if (point.point().type() != PointType.STRING) {
            double number = SampleValues.toNumber(value);
            typed = point.point().type() == PointType.REAL ? (Object) number : (Object) Math.round(number);
        }
        if (point.commandFormat() == MqttPoint.CommandFormat.PLAIN) {
            return PointValues.format(typed).getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode object = JSON.createObjectNode();
        switch (typed) {
            case Long whole -> object.put("value", whole);
            case Double real when real == Math.rint(real) && Math.abs(real) < 1e15 -> object.put("value", real.longValue());
            case Double real -> object.put("value", real);
            default -> object.put("value", String.valueOf(typed));
        }
        return JSON.writeValueAsBytes(object);
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
