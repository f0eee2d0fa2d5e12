package io.vakt.wamp.router;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.serializer.Serializer;

/**
 * A message encoded at most once per serialization format, however many peers receive it: an EVENT is
 * identical for every subscriber of one subscription, so its bytes are made once per format and shared.
 * Router thread only.
 */
public final class EncodedOnce {
    /** Room for every format's index ({@link Serializer#index()}). */
    private static final int FORMATS = 8;

    private final WampMessage message;
    private final byte[][] encoded = new byte[FORMATS][];

    public EncodedOnce(WampMessage message) { this.message = message; }

    public WampMessage message() { return message; }

    public byte[] bytesFor(Serializer serializer) {
        int index = serializer.index();
        byte[] bytes = encoded[index];
        if (bytes == null) {
            bytes = serializer.encode(message);
            encoded[index] = bytes;
        }
        return bytes;
    }
}
