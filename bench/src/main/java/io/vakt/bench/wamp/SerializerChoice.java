package io.vakt.bench.wamp;

import io.vakt.wamp.serializer.Serializer;
import io.vakt.wamp.serializer.Serializers;

/** {@code --serializer msgpack|json}, mapped to the router's own serializers. */
final class SerializerChoice {
    private SerializerChoice() {}

    static Serializer of(String name) {
        Serializer serializer = switch (name) {
            case "msgpack" -> Serializers.MSGPACK;
            case "json" -> Serializers.JSON;
            default -> throw new IllegalArgumentException("--serializer is msgpack or json, not " + name);
        };
        if (serializer == null) throw new IllegalStateException("the wamp module has no " + name + " serializer in this build");
        return serializer;
    }
}
