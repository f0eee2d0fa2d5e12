package io.vakt.wamp.serializer;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

import java.util.List;

/**
 * {@code wamp.2.json} (WAMP spec "JSON"): UTF-8 text frames; binary values travel as a string made of
 * {@code \u0000} and the Base64 of the bytes. Uses Jackson's streaming parser and generator, no tree.
 */
public final class JsonSerializer extends ValueSerializer {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Peers (Autobahn) write "/" unescaped; keep the bytes identical to theirs.
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();

    private final JacksonCodec codec = new JacksonCodec(FACTORY, false, "JSON");

    JsonSerializer() {}

    @Override public String subprotocol() { return "wamp.2.json"; }

    @Override public boolean binary() { return false; }

    @Override public int index() { return 0; }

    @Override public List<Object> decodeArray(byte[] bytes) { return codec.decodeArray(bytes); }

    @Override public byte[] encodeArray(List<?> array) { return codec.encodeArray(array); }
}
