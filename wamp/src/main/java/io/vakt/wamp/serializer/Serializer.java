package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;

/**
 * One WAMP serialization format, named by its WebSocket subprotocol. Implementations are stateless and
 * thread-safe: the transport decodes on its event loop while the router encodes on its own thread.
 */
public interface Serializer {
    /** The WebSocket subprotocol, e.g. {@code wamp.2.json}. */
    String subprotocol();

    /** Whether messages travel in binary frames (MessagePack, CBOR) rather than text frames (JSON). */
    boolean binary();

    /** A small dense number per format, for per-format caches of encoded bytes (see {@code EncodedOnce}). */
    int index();

    /**
     * Decodes one message. The whole message is checked: its shape, its element types, and the option and
     * detail types the conformance vectors pin down.
     *
     * @throws ProtocolViolation when the bytes are not a valid WAMP message; the text says what is wrong
     */
    WampMessage decode(byte[] bytes);

    /** Encodes one message. */
    byte[] encode(WampMessage message);
}
