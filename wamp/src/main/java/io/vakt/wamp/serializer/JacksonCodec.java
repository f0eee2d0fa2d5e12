package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.TokenStreamFactory;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vakt.wamp.serializer.ValueSerializer.MAX_NESTING_DEPTH;

/**
 * Streams the value model through a Jackson token stream (JSON or CBOR) without building a tree. The two
 * formats differ only in binary values: CBOR has native byte strings, JSON carries them as a string that
 * starts with {@code \u0000} followed by Base64 (WAMP spec "Binary conversion of JSON Strings").
 */
final class JacksonCodec {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final TokenStreamFactory factory;
    /** CBOR rather than JSON: native byte strings, and map keys that need checking (see {@link #checkCborKey}). */
    private final boolean cbor;
    private final String format;

    JacksonCodec(TokenStreamFactory factory, boolean cbor, String format) {
        this.factory = factory;
        this.cbor = cbor;
        this.format = format;
    }

    List<Object> decodeArray(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new ProtocolViolation("empty " + format + " message");
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), bytes)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ProtocolViolation("a WAMP message must be a " + format + " array");
            }
            List<Object> message = readList(p, bytes, 1);
            if (p.nextToken() != null) throw new ProtocolViolation("trailing bytes after the " + format + " message");
            return message;
        } catch (ProtocolViolation e) {
            throw e;
        } catch (JacksonException e) {
            throw new ProtocolViolation("malformed " + format + ": " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new ProtocolViolation("malformed " + format + ": " + e.getClass().getSimpleName());
        }
    }

    private List<Object> readList(JsonParser p, byte[] bytes, int depth) {
        if (depth > MAX_NESTING_DEPTH) throw ValueSerializer.tooDeep();
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            list.add(readValue(p, bytes, t, depth));
        }
        return list;
    }

    private Map<String, Object> readMap(JsonParser p, byte[] bytes, int depth) {
        if (depth > MAX_NESTING_DEPTH) throw ValueSerializer.tooDeep();
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.PROPERTY_NAME) throw truncatedOr(t, "a map key");
            if (cbor) checkCborKey(p, bytes);
            String key = p.currentName();
            Object value = readValue(p, bytes, p.nextToken(), depth);
            int before = map.size();
            map.put(key, value);
            // A repeated key would let two peers read different values from one message.
            if (map.size() == before) throw new ProtocolViolation("duplicate map key \"" + key + "\"");
        }
        return map;
    }

    /**
     * Jackson turns integer map keys into their decimal text, so {1: x} and {"1": x} would read alike. WAMP dicts
     * have string keys (as MessagePack's do here): look at the key's first byte, which must open a text string
     * (major type 3), not a number, a byte string or a tag.
     */
    private static void checkCborKey(JsonParser p, byte[] bytes) {
        long offset = p.currentTokenLocation().getByteOffset();
        if (offset < 0 || offset >= bytes.length || (bytes[(int) offset] & 0xe0) != 0x60) {
            throw new ProtocolViolation("CBOR map keys must be text strings");
        }
    }

    private Object readValue(JsonParser p, byte[] bytes, JsonToken t, int depth) {
        if (t == null) throw truncatedOr(null, "a value");
        return switch (t) {
            case START_ARRAY -> readList(p, bytes, depth + 1);
            case START_OBJECT -> readMap(p, bytes, depth + 1);
            case VALUE_STRING -> string(p.getString());
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> embedded(p);
            default -> throw truncatedOr(t, "a value");
        };
    }

    private ProtocolViolation truncatedOr(JsonToken t, String expected) {
        if (t == null) return new ProtocolViolation("truncated " + format + " message");
        return new ProtocolViolation("malformed " + format + ": expected " + expected + ", got " + t);
    }

    private Object string(String s) {
        if (cbor || s.isEmpty() || s.charAt(0) != '\0') return s;
        try {
            return Base64.getDecoder().decode(s.substring(1));
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation("invalid Base64 in a binary JSON string (\\u0000 prefix): " + e.getMessage());
        }
    }

    /** The value model's integers span int64 and uint64: [-2^63, 2^64-1], as in MessagePack. */
    private Object integer(JsonParser p) {
        return switch (p.getNumberType()) {
            case INT, LONG -> p.getLongValue();
            default -> {
                BigInteger big = p.getBigIntegerValue();
                if (big.bitLength() <= 63) yield big.longValue();
                if (big.signum() > 0 && big.compareTo(UINT64_MAX) <= 0) yield big;
                throw new ProtocolViolation("integer out of range [-2^63, 2^64-1]: " + big);
            }
        };
    }

    /**
     * CBOR byte strings arrive as embedded byte[]. {@code undefined} arrives as embedded null and reads as null:
     * JavaScript CBOR encoders write it for absent object fields. Other simple values have no place in WAMP.
     */
    private Object embedded(JsonParser p) {
        Object o = p.getEmbeddedObject();
        if (o == null || o instanceof byte[]) return o;
        throw new ProtocolViolation("unsupported " + format + " value: simple value " + o);
    }

    byte[] encodeArray(List<?> array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            writeValue(g, array);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode as " + format + ": " + e.getOriginalMessage(), e);
        }
        return out.toByteArray();
    }

    private void writeValue(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Long l -> g.writeNumber(l.longValue());
            case Integer i -> g.writeNumber(i.intValue());
            case Boolean b -> g.writeBoolean(b);
            case byte[] bytes -> writeBinary(g, bytes);
            case List<?> list -> {
                g.writeStartArray(list, list.size());
                for (Object element : list) writeValue(g, element);
                g.writeEndArray();
            }
            case Map<?, ?> map -> {
                g.writeStartObject(map, map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("map keys must be strings, got " + WireValues.typeName(e.getKey()));
                    }
                    g.writeName(key);
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Double d -> g.writeNumber(d.doubleValue());
            case Float f -> g.writeNumber(f.floatValue());
            case BigInteger b -> g.writeNumber(b);
            case Short s -> g.writeNumber(s.shortValue());
            case Byte b -> g.writeNumber(b.intValue());
            default -> throw new IllegalArgumentException("cannot encode a " + value.getClass().getName());
        }
    }

    private void writeBinary(JsonGenerator g, byte[] bytes) {
        if (cbor) {
            g.writeBinary(bytes);
            return;
        }
        // One char[] holding the \u0000 marker and the Base64 text, instead of concatenating two Strings.
        byte[] base64 = Base64.getEncoder().encode(bytes);
        char[] text = new char[base64.length + 1];
        for (int i = 0; i < base64.length; i++) text[i + 1] = (char) base64[i];
        g.writeString(text, 0, text.length);
    }
}
