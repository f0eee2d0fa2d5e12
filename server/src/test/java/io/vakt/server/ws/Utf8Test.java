package io.vakt.server.ws;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {
    @Test
    void acceptsEveryKindOfCharacter() {
        assertThat(Utf8.isValid("".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid("[1,\"realm1\",{}]".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid("Landskrona – värme ✓ 𝄞".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid(new String(Character.toChars(0x10FFFF)).getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void refusesWhatAStrictDecoderRefuses() {
        assertThat(Utf8.isValid(bytes(0xC3, 0x28))).as("lead without continuation").isFalse();
        assertThat(Utf8.isValid(bytes(0x80))).as("stray continuation").isFalse();
        assertThat(Utf8.isValid(bytes(0xC0, 0xAF))).as("overlong two-byte").isFalse();
        assertThat(Utf8.isValid(bytes(0xE0, 0x80, 0xAF))).as("overlong three-byte").isFalse();
        assertThat(Utf8.isValid(bytes(0xF0, 0x80, 0x80, 0xAF))).as("overlong four-byte").isFalse();
        assertThat(Utf8.isValid(bytes(0xED, 0xA0, 0x80))).as("surrogate").isFalse();
        assertThat(Utf8.isValid(bytes(0xF4, 0x90, 0x80, 0x80))).as("above U+10FFFF").isFalse();
        assertThat(Utf8.isValid(bytes(0xF5, 0x80, 0x80, 0x80))).as("no such lead byte").isFalse();
        assertThat(Utf8.isValid(bytes(0xE2, 0x82))).as("cut short").isFalse();
        assertThat(Utf8.isValid(bytes(0xF0, 0x9D, 0x84))).as("cut short").isFalse();
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(1, 12)];
            for (int i = 0; i < bytes.length; i++) {
                // mostly the interesting high range, some ASCII
                bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x80, 0x100));
            }
            assertThat(Utf8.isValid(bytes)).as("bytes %s", java.util.HexFormat.of().formatHex(bytes)).isEqualTo(strict(bytes));
        }
    }

    private static boolean strict(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) bytes[i] = (byte) values[i];
        return bytes;
    }
}
