package io.vakt.graphql.ws;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes client messages of both GraphQL WebSocket protocols and encodes the server's. Decoding enforces
 * hard limits (nesting depth, string and number lengths) before building anything, and answers a shape
 * error with a reason instead of an exception.
 */
public final class MessageCodec {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(1_000_000)
                            .maxNumberLength(100)
                            .maxNameLength(1_000)
                            .build())
                    .build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A decoded message or the reason it could not be decoded. */
    public sealed interface Decoded<M> {
        record Ok<M>(M message) implements Decoded<M> {}

        record Malformed<M>(String reason, String id) implements Decoded<M> {}
    }

    private MessageCodec() {}

    public static Decoded<LegacyMessage> decodeLegacy(String text) {
        ObjectNode json = parseObject(text);
        if (json == null) return new Decoded.Malformed<>("message is not a JSON object", null);
        String type = text(json, "type");
        String id = text(json, "id");
        if (type == null) return new Decoded.Malformed<>("message has no type", id);
        return switch (type) {
            case "connection_init" -> new Decoded.Ok<>(new LegacyMessage.ConnectionInit(objectOrEmpty(json.get("payload"))));
            case "start" -> {
                if (id == null || id.isEmpty()) yield new Decoded.Malformed<>("start without an id", null);
                OperationPayload payload = operation(json.get("payload"));
                yield payload == null ? new Decoded.Malformed<>("start without a payload.query string", id)
                        : new Decoded.Ok<>(new LegacyMessage.Start(id, payload));
            }
            case "stop" -> id == null ? new Decoded.Malformed<>("stop without an id", null)
                    : new Decoded.Ok<>(new LegacyMessage.Stop(id));
            case "connection_terminate" -> new Decoded.Ok<>(new LegacyMessage.ConnectionTerminate());
            default -> new Decoded.Ok<>(new LegacyMessage.Unknown(id, type));
        };
    }

    public static Decoded<TransportWsMessage> decodeTransportWs(String text) {
        ObjectNode json = parseObject(text);
        if (json == null) return new Decoded.Malformed<>("message is not a JSON object", null);
        String type = text(json, "type");
        String id = text(json, "id");
        if (type == null) return new Decoded.Malformed<>("message has no type", id);
        JsonNode payloadNode = json.get("payload");
        return switch (type) {
            case "connection_init" -> payloadNode != null && !payloadNode.isNull() && !payloadNode.isObject()
                    ? new Decoded.Malformed<>("connection_init payload must be an object", null)
                    : new Decoded.Ok<>(new TransportWsMessage.ConnectionInit(objectOrEmpty(payloadNode)));
            case "subscribe" -> {
                if (id == null || id.isEmpty()) yield new Decoded.Malformed<>("subscribe without an id", null);
                OperationPayload payload = operation(payloadNode);
                yield payload == null ? new Decoded.Malformed<>("subscribe without a payload.query string", id)
                        : new Decoded.Ok<>(new TransportWsMessage.Subscribe(id, payload));
            }
            case "complete" -> id == null || id.isEmpty() ? new Decoded.Malformed<>("complete without an id", null)
                    : new Decoded.Ok<>(new TransportWsMessage.Complete(id));
            case "ping" -> new Decoded.Ok<>(new TransportWsMessage.Ping(plain(payloadNode)));
            case "pong" -> new Decoded.Ok<>(new TransportWsMessage.Pong(plain(payloadNode)));
            default -> new Decoded.Malformed<>("unknown message type \"" + abbreviate(type) + "\"", id);
        };
    }

    private static ObjectNode parseObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JacksonException malformed) {
            return null;
        }
    }

    private static String text(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static OperationPayload operation(JsonNode payload) {
        if (payload == null || !payload.isObject()) return null;
        JsonNode query = payload.get("query");
        if (query == null || !query.isString()) return null;
        JsonNode variables = payload.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) return null;
        JsonNode operationName = payload.get("operationName");
        return new OperationPayload(query.asString(), objectOrEmpty(variables),
                operationName != null && operationName.isString() ? operationName.asString() : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOrEmpty(JsonNode node) {
        if (node == null || !node.isObject()) return Map.of();
        return MAPPER.convertValue(node, Map.class);
    }

    private static Object plain(JsonNode node) {
        return node == null || node.isNull() ? null : MAPPER.convertValue(node, Object.class);
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    // ---- server messages -------------------------------------------------------------------------

    /** {@code {"type":"<type>"}}. */
    public static String typeOnly(String type) { return "{\"type\":\"" + type + "\"}"; }

    /** {@code {"type":"<type>","payload":<payload>}}. */
    public static String withPayload(String type, Object payload) {
        ObjectNode message = NODES.objectNode();
        message.put("type", type);
        message.set("payload", MAPPER.valueToTree(payload));
        return MAPPER.writeValueAsString(message);
    }

    /** {@code {"id":"<id>","type":"<type>"}}. */
    public static String idType(String id, String type) {
        ObjectNode message = NODES.objectNode();
        message.put("id", id);
        message.put("type", type);
        return MAPPER.writeValueAsString(message);
    }

    /** {@code {"id":"<id>","type":"<type>","payload":<payload>}}. */
    public static String idTypePayload(String id, String type, Object payload) {
        ObjectNode message = NODES.objectNode();
        message.put("id", id);
        message.put("type", type);
        message.set("payload", MAPPER.valueToTree(payload));
        return MAPPER.writeValueAsString(message);
    }

    /** The bytes before a shared payload: {@code {"id":"<id>","type":"<type>","payload":}. */
    public static byte[] envelopePrefix(String id, String type) {
        String head = idType(id, type);
        return (head.substring(0, head.length() - 1) + ",\"payload\":").getBytes(StandardCharsets.UTF_8);
    }

    public static final byte[] ENVELOPE_SUFFIX = {'}'};

    public static String json(Object value) { return MAPPER.writeValueAsString(value); }
}
