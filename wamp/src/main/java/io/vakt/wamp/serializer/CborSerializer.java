package io.vakt.wamp.serializer;

import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORReadFeature;

import java.util.List;

/**
 * {@code wamp.2.cbor} (WAMP spec "CBOR", RFC 8949): binary frames; binary values are CBOR byte strings. Uses
 * Jackson's CBOR token stream, no tree. Arrays and maps are written with definite lengths, integers in their
 * shortest form.
 */
public final class CborSerializer extends ValueSerializer {
    private static final CBORFactory FACTORY = CBORFactory.builder()
            // Simple values other than false/true/null/undefined have no meaning in WAMP: surface them to reject them.
            .enable(CBORReadFeature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
            .build();

    private final JacksonCodec codec = new JacksonCodec(FACTORY, true, "CBOR");

    CborSerializer() {}

    @Override public String subprotocol() { return "wamp.2.cbor"; }

    @Override public boolean binary() { return true; }

    @Override public int index() { return 2; }

    @Override public List<Object> decodeArray(byte[] bytes) { return codec.decodeArray(bytes); }

    @Override public byte[] encodeArray(List<?> array) { return codec.encodeArray(array); }
}
