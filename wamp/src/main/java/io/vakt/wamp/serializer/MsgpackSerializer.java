package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wamp.2.msgpack} (WAMP spec "MessagePack"): binary frames; str is text, bin is {@code byte[]}. Every
 * length a header claims is checked against the bytes that remain before anything is allocated, so a
 * 10-byte frame cannot ask for a 4 GB array. Extension types have no meaning in WAMP and are rejected, except
 * the one JavaScript encoders use for {@code undefined}, which reads as an absent value.
 */
public final class MsgpackSerializer extends ValueSerializer {
    /** What a decoded {@code undefined} is until its container drops it (map) or turns it into null (array). */
    private static final Object UNDEFINED = new Object();

    MsgpackSerializer() {}

    @Override public String subprotocol() { return "wamp.2.msgpack"; }

    @Override public boolean binary() { return true; }

    @Override public int index() { return 1; }

    @Override
    public List<Object> decodeArray(byte[] bytes) {
        if (bytes == null || bytes.length == 0) throw new ProtocolViolation("empty msgpack message");
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (!is(u.getNextFormat(), ValueType.ARRAY)) throw new ProtocolViolation("a WAMP message must be a msgpack array");
            Reader reader = new Reader(u, bytes.length);
            List<Object> message = reader.array(1);
            if (u.hasNext()) {
                throw new ProtocolViolation("trailing bytes after the msgpack message: "
                        + (bytes.length - u.getTotalReadBytes()));
            }
            return message;
        } catch (ProtocolViolation e) {
            throw e;
        } catch (MessageInsufficientBufferException e) {
            throw new ProtocolViolation("truncated msgpack message");
        } catch (IOException | RuntimeException e) {
            throw new ProtocolViolation("malformed msgpack: " + e.getMessage());
        }
    }

    /** One decode: the unpacker and the frame length, to know how many bytes remain. */
    private record Reader(MessageUnpacker u, int length) {

        Object value(int depth) throws IOException {
            MessageFormat f = u.getNextFormat();
            if (f == MessageFormat.NEVER_USED) throw new ProtocolViolation("malformed msgpack: reserved byte 0xc1");
            return switch (f.getValueType()) {
                case NIL -> {
                    u.unpackNil();
                    yield null;
                }
                case BOOLEAN -> u.unpackBoolean();
                case INTEGER -> f == MessageFormat.UINT64 ? uint64() : u.unpackLong();
                case FLOAT -> u.unpackDouble();
                case STRING -> string();
                case BINARY -> u.readPayload(claimed(u.unpackBinaryHeader(), 1, "bin", "bytes"));
                case ARRAY -> array(depth + 1);
                case MAP -> map(depth + 1);
                case EXTENSION -> extension();
            };
        }

        /**
         * JavaScript's {@code undefined}, which msgpackr (used by wampy) writes as fixext 1 of type 0 with the
         * byte 0, for instance for every option wampy's {@code subscribe()} leaves unset. It reads as "absent":
         * a map entry holding it is dropped, in an array it is null. Any other extension has no meaning in WAMP.
         */
        private Object extension() throws IOException {
            ExtensionTypeHeader header = u.unpackExtensionTypeHeader();
            if (header.getType() == 0 && header.getLength() == 1) {
                byte[] data = u.readPayload(1);
                if (data[0] == 0) return UNDEFINED;
            }
            throw new ProtocolViolation("msgpack extension types are not allowed in WAMP messages (got type " + header.getType() + ")");
        }

        List<Object> array(int depth) throws IOException {
            if (depth > MAX_NESTING_DEPTH) throw tooDeep();
            int n = claimed(u.unpackArrayHeader(), 1, "array", "elements");
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object element = value(depth);
                list.add(element == UNDEFINED ? null : element);
            }
            return list;
        }

        Map<String, Object> map(int depth) throws IOException {
            if (depth > MAX_NESTING_DEPTH) throw tooDeep();
            int n = claimed(u.unpackMapHeader(), 2, "map", "elements");
            Map<String, Object> map = LinkedHashMap.newLinkedHashMap(n);
            Set<String> seen = HashSet.newHashSet(n);
            for (int i = 0; i < n; i++) {
                MessageFormat keyFormat = u.getNextFormat();
                if (!is(keyFormat, ValueType.STRING)) {
                    throw new ProtocolViolation("msgpack map keys must be strings (str), got " + keyFormat);
                }
                String key = string();
                Object value = value(depth);
                // A repeated key would let two peers read different values from one message.
                if (!seen.add(key)) throw new ProtocolViolation("duplicate map key \"" + key + "\"");
                if (value != UNDEFINED) map.put(key, value);
            }
            return map;
        }

        /** A str, decoded strictly: malformed UTF-8 is a protocol violation, not a silent replacement character. */
        private String string() throws IOException {
            byte[] utf8 = u.readPayload(claimed(u.unpackRawStringHeader(), 1, "str", "bytes"));
            for (byte b : utf8) {
                if (b < 0) return strictUtf8(utf8);
            }
            return new String(utf8, StandardCharsets.ISO_8859_1); // pure ASCII: the cheapest exact decode
        }

        private static String strictUtf8(byte[] utf8) {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
            } catch (CharacterCodingException e) {
                throw new ProtocolViolation("invalid UTF-8 in a msgpack str");
            }
        }

        private Object uint64() throws IOException {
            BigInteger value = u.unpackBigInteger();
            return value.bitLength() <= 63 ? (Object) value.longValue() : value;
        }

        /**
         * A header's element or byte count, checked against the bytes left in the frame (each element takes at
         * least {@code minBytesEach}) before the caller allocates for it.
         */
        private int claimed(int count, int minBytesEach, String header, String unit) {
            long remaining = length - u.getTotalReadBytes();
            if (count < 0 || (long) count * minBytesEach > remaining) {
                throw new ProtocolViolation("msgpack " + header + " header claims " + count + " " + unit
                        + " but only " + remaining + " bytes remain");
            }
            return count;
        }
    }

    /** NEVER_USED (0xc1) has no value type; asking it for one throws. */
    private static boolean is(MessageFormat format, ValueType type) {
        return format != MessageFormat.NEVER_USED && format.getValueType() == type;
    }

    /**
     * One packer per encoding thread (in the server: the router thread), cleared before each message. A fresh
     * packer per message was half of the router thread's msgpack cost in a flight recording: it is built
     * reflectively and allocates a new 8 KiB buffer each time.
     */
    private final ThreadLocal<MessageBufferPacker> packers = ThreadLocal.withInitial(MessagePack::newDefaultBufferPacker);

    @Override
    public byte[] encodeArray(List<?> array) {
        MessageBufferPacker packer = packers.get();
        packer.clear();
        try {
            write(packer, array);
            return packer.toByteArray();
        } catch (IOException e) {
            // The buffer packer writes to memory only; an IOException here is a broken invariant.
            throw new IllegalStateException("msgpack buffer packer failed", e);
        }
    }

    private static void write(MessageBufferPacker p, Object value) throws IOException {
        switch (value) {
            case null -> p.packNil();
            case String s -> p.packString(s);
            case Long l -> p.packLong(l);
            case Integer i -> p.packInt(i);
            case Boolean b -> p.packBoolean(b);
            case byte[] bytes -> {
                p.packBinaryHeader(bytes.length);
                p.writePayload(bytes);
            }
            case List<?> list -> {
                p.packArrayHeader(list.size());
                for (Object element : list) write(p, element);
            }
            case Map<?, ?> map -> {
                p.packMapHeader(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("map keys must be strings, got " + WireValues.typeName(e.getKey()));
                    }
                    p.packString(key);
                    write(p, e.getValue());
                }
            }
            case Double d -> p.packDouble(d);
            case Float f -> p.packFloat(f);
            case BigInteger b -> p.packBigInteger(b); // throws IllegalArgumentException outside [-2^63, 2^64-1]
            case Short s -> p.packShort(s);
            case Byte b -> p.packByte(b);
            default -> throw new IllegalArgumentException("cannot encode a " + value.getClass().getName());
        }
    }
}
