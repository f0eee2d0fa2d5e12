package io.vakt.wamp.serializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/** Builds the wire array of a multi-session vector step from its named attributes (type, request_id, ...). */
final class MultiSessionLayout {
    private MultiSessionLayout() {}

    private record Layout(int code, List<String> fields, boolean payload) {}

    private static final Map<String, Layout> LAYOUTS = Map.of(
            "SUBSCRIBE", new Layout(32, List.of("request_id", "options", "topic"), false),
            "SUBSCRIBED", new Layout(33, List.of("request_id", "subscription_id"), false),
            "PUBLISH", new Layout(16, List.of("request_id", "options", "topic"), true),
            "PUBLISHED", new Layout(17, List.of("request_id", "publication_id"), false),
            "EVENT", new Layout(36, List.of("subscription_id", "publication_id", "details"), true));

    static List<Object> wire(Map<String, Object> message) {
        Layout layout = LAYOUTS.get((String) message.get("type"));
        if (layout == null) fail("no layout for multi-session message type " + message.get("type"));
        List<Object> wire = new ArrayList<>();
        wire.add((long) layout.code());
        for (String field : layout.fields()) {
            if (!message.containsKey(field)) fail(message.get("type") + " step lacks " + field);
            wire.add(message.get(field) instanceof Integer i ? (Object) (long) i : message.get(field));
        }
        if (layout.payload() && (message.get("args") != null || message.get("kwargs") != null)) {
            wire.add(message.get("args") == null ? List.of() : message.get("args"));
            if (message.get("kwargs") != null) wire.add(message.get("kwargs"));
        }
        return wire;
    }
}
