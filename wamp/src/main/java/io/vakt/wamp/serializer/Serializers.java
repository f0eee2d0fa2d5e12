package io.vakt.wamp.serializer;

import java.util.List;
import java.util.Optional;

/** The supported WAMP serializers (skeleton: the serializer helper fills it in). */
public final class Serializers {
    private Serializers() {}

    public static final Serializer JSON = null;
    public static final Serializer MSGPACK = null;
    public static final Serializer CBOR = null;

    /** Subprotocols in the server's order of preference. */
    public static final List<String> SUBPROTOCOLS = List.of("wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor");

    public static Optional<Serializer> forSubprotocol(String subprotocol) { return Optional.empty(); }
}
