package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One negative test per decoder limit and per malformation, for each format; plus the decoded value model. */
class DecoderLimitsTest {
    private static final List<ValueSerializer> ALL = List.of(Serializers.JSON, Serializers.MSGPACK, Serializers.CBOR);

    private static byte[] json(String text) { return text.getBytes(StandardCharsets.UTF_8); }

    private static byte[] hex(String hex) { return HexFormat.of().parseHex(hex.replace(" ", "")); }

    private static void assertRejected(ValueSerializer s, byte[] bytes, String fragment) {
        assertThatThrownBy(() -> s.decodeArray(bytes)).as(s.subprotocol())
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining(fragment);
    }

    /** {@code depth} nested one-element containers, the outermost being the message array. */
    private static byte[] nested(String open, String close, String innermost, int depth) {
        return json("[".repeat(1) + open.repeat(depth - 1) + innermost + close.repeat(depth - 1) + "]");
    }

    private static byte[] repeated(String prefixHex, int times, String lastHex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] prefix = hex(prefixHex);
        for (int i = 0; i < times; i++) out.writeBytes(prefix);
        out.writeBytes(hex(lastHex));
        return out.toByteArray();
    }

    // All formats.

    @Test
    void rejectsEmptyFrame() {
        for (ValueSerializer s : ALL) {
            assertRejected(s, new byte[0], "empty");
            assertRejected(s, null, "empty");
        }
    }

    @Test
    void rejectsNonArrayTopLevel() {
        assertRejected(Serializers.JSON, json("{\"a\": 1}"), "must be a JSON array");
        assertRejected(Serializers.JSON, json("5"), "must be a JSON array");
        assertRejected(Serializers.MSGPACK, hex("80"), "must be a msgpack array");
        assertRejected(Serializers.MSGPACK, hex("05"), "must be a msgpack array");
        assertRejected(Serializers.CBOR, hex("a0"), "must be a CBOR array");
        assertRejected(Serializers.CBOR, hex("05"), "must be a CBOR array");
    }

    @Test
    void rejectsTrailingBytes() {
        assertRejected(Serializers.JSON, json("[1] [2]"), "trailing bytes");
        assertRejected(Serializers.JSON, json("[1]x"), "malformed JSON");
        assertRejected(Serializers.MSGPACK, hex("91 01 00"), "trailing bytes");
        assertRejected(Serializers.CBOR, hex("81 01 00"), "trailing bytes");
        assertThat(Serializers.JSON.decodeArray(json(" [1]\n"))).containsExactly(1L);
    }

    @Test
    void rejectsDuplicateMapKeys() {
        assertRejected(Serializers.JSON, json("[{\"a\": 1, \"a\": 2}]"), "duplicate map key \"a\"");
        assertRejected(Serializers.MSGPACK, hex("91 82 a1 61 01 a1 61 02"), "duplicate map key \"a\"");
        assertRejected(Serializers.CBOR, hex("81 a2 61 61 01 61 61 02"), "duplicate map key \"a\"");
    }

    @Test
    void rejectsIntegersOutsideInt64AndUint64() {
        assertRejected(Serializers.JSON, json("[18446744073709551616]"), "integer out of range");
        assertRejected(Serializers.JSON, json("[-9223372036854775809]"), "integer out of range");
        assertRejected(Serializers.CBOR, hex("81 c2 49 010000000000000000"), "integer out of range");
        assertRejected(Serializers.CBOR, hex("81 3b 8000000000000000"), "integer out of range");
    }

    @Test
    void decodesTheSameValueModelInEveryFormat() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", null);
        List<Object> expected = new ArrayList<>(List.of(1L, -2L, new BigInteger("18446744073709551615"), 1.5, "é", true, map));
        assertThat(Serializers.JSON.decodeArray(json("[1, -2, 18446744073709551615, 1.5, \"é\", true, {\"k\": null}]")))
                .isEqualTo(expected).isInstanceOf(ArrayList.class);
        assertThat(Serializers.MSGPACK.decodeArray(hex("97 01 fe cf ffffffffffffffff ca 3fc00000 a2 c3a9 c3 81 a1 6b c0")))
                .isEqualTo(expected);
        assertThat(Serializers.CBOR.decodeArray(hex("87 01 21 1b ffffffffffffffff f9 3e00 62 c3a9 f5 a1 61 6b f6")))
                .isEqualTo(expected);
        assertThat(Serializers.JSON.decodeArray(json("[{\"b\": 1, \"a\": 2}]")).get(0)).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void decodesBinaryInEveryFormat() {
        assertThat((byte[]) Serializers.JSON.decodeArray(json("[\"\\u0000AQID\"]")).get(0)).containsExactly(1, 2, 3);
        assertThat((byte[]) Serializers.MSGPACK.decodeArray(hex("91 c4 03 010203")).get(0)).containsExactly(1, 2, 3);
        assertThat((byte[]) Serializers.CBOR.decodeArray(hex("81 43 010203")).get(0)).containsExactly(1, 2, 3);
        assertThat(Serializers.MSGPACK.decodeArray(hex("91 a3 010203")).get(0)).isEqualTo("\u0001\u0002\u0003");
    }

    // JSON.

    @Test
    void rejectsJsonNestedDeeperThan64() {
        assertThat(Serializers.JSON.decodeArray(nested("[", "]", "1", 64))).hasSize(1);
        assertRejected(Serializers.JSON, nested("[", "]", "1", 65), "nested deeper than 64");
        assertThat(Serializers.JSON.decodeArray(nested("{\"a\":", "}", "1", 64))).hasSize(1);
        assertRejected(Serializers.JSON, nested("{\"a\":", "}", "1", 65), "nested deeper than 64");
        assertRejected(Serializers.JSON, nested("[", "]", "1", 100_000), "nested deeper than 64");
    }

    @Test
    void rejectsInvalidBase64BinaryInJson() {
        assertRejected(Serializers.JSON, json("[\"\\u0000!!!\"]"), "invalid Base64");
        assertRejected(Serializers.JSON, json("[\"\\u0000AQID√\"]"), "invalid Base64");
    }

    @Test
    void rejectsMalformedJson() {
        assertRejected(Serializers.JSON, json("[1,]"), "malformed JSON");
        assertRejected(Serializers.JSON, json("['a']"), "malformed JSON");
        assertRejected(Serializers.JSON, json("[NaN]"), "malformed JSON");
        assertRejected(Serializers.JSON, json("[1 2]"), "malformed JSON");
        assertRejected(Serializers.JSON, hex("5b 22 ff 22 5d"), "malformed JSON");
    }

    @Test
    void rejectsTruncatedJson() {
        assertRejected(Serializers.JSON, json("[16, 1, {\"a\": "), "JSON");
        assertRejected(Serializers.JSON, json("[16, 1"), "JSON");
    }

    // MessagePack.

    @Test
    void rejectsNonStringMapKeyInMsgpack() {
        assertRejected(Serializers.MSGPACK, hex("91 81 01 02"), "msgpack map keys must be strings");
        assertRejected(Serializers.MSGPACK, hex("91 81 c4 01 61 02"), "msgpack map keys must be strings");
    }

    @Test
    void rejectsExtensionTypeInMsgpack() {
        assertRejected(Serializers.MSGPACK, hex("91 d4 01 00"), "extension types are not allowed");
        assertRejected(Serializers.MSGPACK, hex("91 d6 ff 00000001"), "extension types are not allowed");
    }

    /** wampy's subscribe() sends {match: undefined, get_retained: undefined}; msgpackr writes undefined as d4 00 00. */
    @Test
    void readsJavaScriptUndefinedInMsgpackAsAbsent() {
        // [32, 1, {"match": undefined}, "com.x"]
        var subscribe = (io.vakt.wamp.message.WampMessage.Subscribe)
                Serializers.MSGPACK.decode(hex("94 20 01 81 a5 6d61746368 d4 00 00 a5 636f6d2e78"));
        assertThat(subscribe.options()).isEmpty();
        assertThat(subscribe.topic()).isEqualTo("com.x");
        // [1, undefined] as an array element reads as null
        List<Object> array = new ArrayList<>();
        array.add(1L);
        array.add(null);
        assertThat(Serializers.MSGPACK.decodeArray(hex("92 01 d4 00 00"))).isEqualTo(array);
        // other fixext 1 payloads of type 0 stay refused
        assertRejected(Serializers.MSGPACK, hex("91 d4 00 01"), "extension types are not allowed");
    }

    @Test
    void rejectsMsgpackNestedDeeperThan64() {
        assertThat(Serializers.MSGPACK.decodeArray(repeated("91", 63, "90"))).hasSize(1);
        assertRejected(Serializers.MSGPACK, repeated("91", 64, "90"), "nested deeper than 64");
        assertRejected(Serializers.MSGPACK, repeated("91 81 a1 61", 32, "90"), "nested deeper than 64");
    }

    @Test
    void rejectsTruncatedMsgpack() {
        assertRejected(Serializers.MSGPACK, hex("92 cd 01"), "truncated msgpack message");
        assertRejected(Serializers.MSGPACK, hex("91 cb 3ff0"), "truncated msgpack message");
    }

    @Test
    void rejectsHeaderClaimingMoreElementsThanBytes() {
        assertRejected(Serializers.MSGPACK, hex("dd 7fffffff 01"), "array header claims 2147483647 elements but only 1 bytes remain");
        assertRejected(Serializers.MSGPACK, hex("92 01"), "array header claims 2 elements");
        assertRejected(Serializers.MSGPACK, hex("91 df 40000000 a1 61 01"), "map header claims 1073741824 elements");
        assertRejected(Serializers.MSGPACK, hex("91 82 a1 61 01"), "map header claims 2 elements but only 3 bytes remain");
        assertRejected(Serializers.MSGPACK, hex("91 db 7fffffff 61"), "str header claims 2147483647 bytes");
        assertRejected(Serializers.MSGPACK, hex("91 c6 7fffffff 61"), "bin header claims 2147483647 bytes");
        assertRejected(Serializers.MSGPACK, hex("dd ffffffff"), "malformed msgpack");
    }

    @Test
    void rejectsReservedByteInMsgpack() {
        assertRejected(Serializers.MSGPACK, hex("91 c1"), "reserved byte 0xc1");
        assertRejected(Serializers.MSGPACK, hex("c1"), "must be a msgpack array");
    }

    @Test
    void rejectsInvalidUtf8InMsgpackString() {
        assertRejected(Serializers.MSGPACK, hex("91 a2 c328"), "invalid UTF-8");
        assertRejected(Serializers.MSGPACK, hex("91 81 a1 ff 01"), "invalid UTF-8");
    }

    // CBOR.

    @Test
    void rejectsCborNestedDeeperThan64() {
        assertThat(Serializers.CBOR.decodeArray(repeated("81", 63, "80"))).hasSize(1);
        assertRejected(Serializers.CBOR, repeated("81", 64, "80"), "nested deeper than 64");
        assertRejected(Serializers.CBOR, repeated("81 a1 61 61", 32, "80"), "nested deeper than 64");
        assertRejected(Serializers.CBOR, repeated("9f", 100, "ff"), "nested deeper than 64");
    }

    @Test
    void rejectsTruncatedCbor() {
        assertRejected(Serializers.CBOR, hex("82 01"), "CBOR");
        assertRejected(Serializers.CBOR, hex("81 19 01"), "CBOR");
        assertRejected(Serializers.CBOR, hex("81 9f 01"), "CBOR");
    }

    @Test
    void rejectsCborHeaderClaimingMoreBytesThanRemain() {
        assertRejected(Serializers.CBOR, hex("81 5a 7fffffff 00"), "CBOR");
        assertRejected(Serializers.CBOR, hex("81 7a 7fffffff 61"), "CBOR");
        assertRejected(Serializers.CBOR, hex("9a 7fffffff 01"), "CBOR");
        assertRejected(Serializers.CBOR, hex("81 bb 00ffffffffffffff 01"), "CBOR");
    }

    @Test
    void rejectsCborSimpleValue() {
        assertRejected(Serializers.CBOR, hex("81 f0"), "unsupported CBOR value");
        assertThat(Serializers.CBOR.decodeArray(hex("81 f7"))).containsExactly((Object) null);
    }

    @Test
    void rejectsNonStringMapKeyInCbor() {
        assertRejected(Serializers.CBOR, hex("81 a1 01 02"), "CBOR map keys must be text strings");
        assertRejected(Serializers.CBOR, hex("81 a1 41 61 02"), "CBOR map keys must be text strings");
        assertRejected(Serializers.CBOR, hex("81 a1 c2 61 61 02"), "CBOR map keys must be text strings");
        assertRejected(Serializers.CBOR, hex("81 bf 61 61 01 21 02 ff"), "CBOR map keys must be text strings");
        assertThat(Serializers.CBOR.decodeArray(hex("81 a1 7f 61 61 ff 01"))).containsExactly(Map.of("a", 1L));
    }

    @Test
    void acceptsIndefiniteLengthCbor() {
        assertThat(Serializers.CBOR.decodeArray(hex("9f 01 7f 61 61 61 62 ff bf 61 6b 02 ff ff")))
                .containsExactly(1L, "ab", Map.of("k", 2L));
    }
}
