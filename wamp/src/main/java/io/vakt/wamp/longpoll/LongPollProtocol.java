package io.vakt.wamp.longpoll;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The serializations the WAMP long-poll transport offers: only JSON, because its bodies are text.
 * {@code wamp.2.json} carries one message per request and response; {@code wamp.2.json.batched} several,
 * each ended by the byte {@code 0x1E} (WAMP spec, "Batched Transport").
 */
public enum LongPollProtocol {
    JSON("wamp.2.json", false),
    JSON_BATCHED("wamp.2.json.batched", true);

    /** Ends each message of a batched body. */
    public static final byte SEPARATOR = 0x1E;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String id;
    private final boolean batched;

    LongPollProtocol(String id, boolean batched) {
        this.id = id;
        this.batched = batched;
    }

    public String id() { return id; }

    public boolean batched() { return batched; }

    /** What the server picks for an {@code open} request, or why it cannot pick one. */
    public sealed interface Negotiation {
        record Chosen(LongPollProtocol protocol) implements Negotiation {}

        record Refused(String reason) implements Negotiation {}
    }

    /**
     * Reads {@code {"protocols": ["wamp.2.json", …]}} and picks the first one offered that is supported; an empty
     * body means plain {@code wamp.2.json}.
     */
    public static Negotiation negotiate(byte[] body) {
        if (body == null || body.length == 0) return new Negotiation.Chosen(JSON);
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (JacksonException malformed) {
            return new Negotiation.Refused("the open request must be JSON like {\"protocols\":[\"wamp.2.json\"]}");
        }
        JsonNode protocols = json == null ? null : json.get("protocols");
        if (protocols == null || !protocols.isArray()) {
            return new Negotiation.Refused("the open request must name its serializers: {\"protocols\":[\"wamp.2.json\"]}");
        }
        List<String> offered = new ArrayList<>();
        for (JsonNode entry : protocols) {
            String name = entry.isString() ? entry.asString() : entry.toString();
            offered.add(name);
            for (LongPollProtocol protocol : values()) {
                if (protocol.id.equals(name)) return new Negotiation.Chosen(protocol);
            }
        }
        return new Negotiation.Refused("WAMP long-poll supports wamp.2.json and wamp.2.json.batched; offered: "
                + (offered.isEmpty() ? "none" : String.join(", ", offered))
                + " (MessagePack and CBOR need the WebSocket endpoint /arrigo/api/wamp)");
    }

    /** The messages of one {@code send} body. */
    public List<byte[]> split(byte[] body) {
        if (!batched) return List.of(body);
        List<byte[]> messages = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == SEPARATOR) {
                if (i > start) messages.add(java.util.Arrays.copyOfRange(body, start, i));
                start = i + 1;
            }
        }
        return messages;
    }

    /** One {@code receive} body from messages taken off the queue. */
    public byte[] join(List<byte[]> messages) {
        if (!batched) return messages.getFirst();
        int size = 0;
        for (byte[] message : messages) size += message.length + 1;
        byte[] body = new byte[size];
        int at = 0;
        for (byte[] message : messages) {
            System.arraycopy(message, 0, body, at, message.length);
            at += message.length;
            body[at++] = SEPARATOR;
        }
        return body;
    }
}
