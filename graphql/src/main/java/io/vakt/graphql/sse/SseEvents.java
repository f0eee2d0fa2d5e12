package io.vakt.graphql.sse;

import io.vakt.graphql.ws.MessageCodec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The bytes of graphql-sse events. Every {@code data:} is compact JSON, which never holds a raw line break, so
 * one {@code data:} line per event is enough. Payloads are framed, never re-encoded: the bytes a subscription
 * group serialized once go out as they are.
 */
final class SseEvents {
    static final byte[] NEXT_DATA = bytes("event: next\ndata: ");
    static final byte[] END_OF_EVENT = bytes("\n\n");
    static final byte[] END_OF_ENVELOPE = bytes("}\n\n");
    static final byte[] NOTHING = new byte[0];

    private SseEvents() {}

    /** The head of a single-connection {@code next} event for {@code id}, up to where the payload starts. */
    static byte[] nextHead(String id) {
        String envelope = MessageCodec.json(Map.of("id", id));
        return bytes("event: next\ndata: " + envelope.substring(0, envelope.length() - 1) + ",\"payload\":");
    }

    /** A {@code next} event with a payload that is not shared (single results, errors). */
    static byte[][] next(SseMode mode, String id, Object payload) {
        String json = MessageCodec.json(payload);
        return mode == SseMode.SINGLE_CONNECTION
                ? new byte[][] {nextHead(id), bytes(json), END_OF_ENVELOPE}
                : new byte[][] {NEXT_DATA, bytes(json), END_OF_EVENT};
    }

    /** An operation's errors before or instead of execution: one {@code next} with {@code {"errors": […]}}. */
    static byte[][] errors(SseMode mode, String id, Object errors) {
        return next(mode, id, Map.of("errors", errors instanceof List<?> list ? list : List.of(errors)));
    }

    static byte[][] complete(SseMode mode, String id) {
        String data = mode == SseMode.SINGLE_CONNECTION ? MessageCodec.json(Map.of("id", id)) : "";
        return new byte[][] {bytes("event: complete\ndata: " + data), NOTHING, END_OF_EVENT};
    }

    static byte[] bytes(String text) { return text.getBytes(StandardCharsets.UTF_8); }
}
