package io.vakt.wamp.serializer;

import java.util.List;
import java.util.Optional;

/**
 * The supported WAMP serializers (WAMP spec "Serializations"), one shared stateless instance each, and the
 * WebSocket subprotocols they answer to.
 */
public final class Serializers {
    private Serializers() {}

    /** {@code wamp.2.json}: text frames, binary values as "\u0000" + Base64 strings. */
    public static final JsonSerializer JSON = new JsonSerializer();
    /** {@code wamp.2.msgpack}: binary frames, binary values as native bin. */
    public static final MsgpackSerializer MSGPACK = new MsgpackSerializer();
    /** {@code wamp.2.cbor}: binary frames, binary values as CBOR byte strings. */
    public static final CborSerializer CBOR = new CborSerializer();

    /** Subprotocols in the server's order of preference. */
    public static final List<String> SUBPROTOCOLS = List.of("wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor");

    private static final List<Serializer> ALL = List.of(JSON, MSGPACK, CBOR);

    /** The serializer for a WebSocket subprotocol name, or empty when the name is not one of {@link #SUBPROTOCOLS}. */
    public static Optional<Serializer> forSubprotocol(String subprotocol) {
        for (Serializer s : ALL) {
            if (s.subprotocol().equals(subprotocol)) return Optional.of(s);
        }
        return Optional.empty();
    }
}
