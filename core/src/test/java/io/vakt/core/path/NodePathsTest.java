package io.vakt.core.path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §3 decision "Path grammar": node paths and folder ids are standard Base64 of a UTF-8 dotted path. */
class NodePathsTest {

    @Test
    void encodesTheSpecExamplesWithPadding() {
        assertThat(NodePaths.encode("Landskrona")).isEqualTo("TGFuZHNrcm9uYQ==");
        assertThat(NodePaths.encode("Landskrona.systemair.File")).isEqualTo("TGFuZHNrcm9uYS5zeXN0ZW1haXIuRmlsZQ==");
        assertThat(NodePaths.encode("ReadAndWrite")).isEqualTo("UmVhZEFuZFdyaXRl");
    }

    @Test
    void decodesTheSpecExamples() {
        assertThat(NodePaths.decode("TGFuZHNrcm9uYQ==")).contains("Landskrona");
        assertThat(NodePaths.decode("UmVhZEFuZFdyaXRl")).contains("ReadAndWrite");
        assertThat(NodePaths.decode("QXJlYV9B")).contains("Area_A");
        assertThat(NodePaths.decode("TGFuZHNrcm9uYS5zeXN0ZW1haXIuZmlsZQ==")).contains("Landskrona.systemair.file");
    }

    @Test
    void roundTripKeepsNonAsciiText() {
        for (String dotted : List.of("Växjö.Kök_1.File", "Łódź.Ürün.File", "東京.File", "Sköld.🌡.File", "")) {
            assertThat(NodePaths.decode(NodePaths.encode(dotted)).orElse(null))
                    .as(dotted).isEqualTo(dotted.isEmpty() ? null : dotted);
        }
    }

    @Test
    void paddingIsOptional() {
        assertThat(NodePaths.decode("TGFuZHNrcm9uYQ")).contains("Landskrona");
        assertThat(NodePaths.decode("TGFuZHNrcm9uYS5zeXN0ZW1haXIuRmlsZQ")).contains("Landskrona.systemair.File");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(NodePaths.decode("  TGFuZHNrcm9uYQ==\n")).contains("Landskrona");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "TGFu ZHNr", "TGFuZHNrcm9uYQ==TGFu", "TGFuZHNr-9uYQ", "TGFuZHNr_9uYQ",
            "T", "%%%%", "TGFuZHNrcm9uYQ=x"})
    void invalidBase64IsEmpty(String path) {
        assertThat(NodePaths.decode(path)).isEmpty();
    }

    @Test
    void bytesThatAreNotUtf8AreEmpty() {
        byte[][] notUtf8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, 'a'}, {'a', (byte) 0x80},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80} /* an encoded surrogate */, {(byte) 0xC0, (byte) 0xAF} /* overlong */};
        for (byte[] bytes : notUtf8) {
            assertThat(NodePaths.decode(Base64.getEncoder().encodeToString(bytes))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void emptyOrBlankIsEmpty(String path) {
        assertThat(NodePaths.decode(path)).isEmpty();
    }

    @Test
    void nullIsEmpty() {
        assertThat(NodePaths.decode(null)).isEmpty();
    }

    @Test
    void overLongIsEmpty() {
        String longest = "QUFB".repeat(1024);
        assertThat(longest).hasSize(4096);
        assertThat(NodePaths.decode(longest)).contains("A".repeat(3072));
        assertThat(NodePaths.decode(longest + "QUFB")).isEmpty();
    }

    @Test
    void dottedNodePathEndsWithTheFileSegment() {
        assertThat(NodePaths.dottedNodePath(List.of("Landskrona", "Floor1"), "Rooms")).isEqualTo("Landskrona.Floor1.Rooms.File");
        assertThat(NodePaths.dottedNodePath(List.of(), "Top")).isEqualTo("Top.File");
    }

    @Test
    void randomTextRoundTripsWithAndWithoutPadding() {
        Seeded.run("node path round trip", random -> {
            for (int i = 0; i < 2000; i++) {
                String dotted = Seeded.text(random, 1 + random.nextInt(60));
                String encoded = NodePaths.encode(dotted);
                assertThat(encoded).matches("[A-Za-z0-9+/]*={0,2}").hasSize(4 * ((dotted.getBytes(StandardCharsets.UTF_8).length + 2) / 3));
                assertThat(NodePaths.decode(encoded)).as("decode(%s)", encoded).contains(dotted);
                assertThat(NodePaths.decode(encoded.replace("=", ""))).as("unpadded %s", encoded).contains(dotted);
            }
        });
    }

    @Test
    void randomBytesDecodeOnlyWhenTheyAreUtf8() {
        Seeded.run("random bytes", random -> {
            for (int i = 0; i < 2000; i++) {
                byte[] bytes = new byte[1 + random.nextInt(40)];
                random.nextBytes(bytes);
                String encoded = Base64.getEncoder().encodeToString(bytes);
                var decoded = NodePaths.decode(encoded);
                boolean utf8 = isStrictUtf8(bytes);
                assertThat(decoded.isPresent()).as("%s is UTF-8: %s", encoded, utf8).isEqualTo(utf8);
                decoded.ifPresent(text -> assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes));
            }
        });
    }

    @Test
    void randomGarbageNeverThrows() {
        Seeded.run("random garbage", random -> {
            List<String> samples = new ArrayList<>();
            for (int i = 0; i < 2000; i++) samples.add(Seeded.text(random, random.nextInt(30)));
            for (String sample : samples) {
                NodePaths.decode(sample).ifPresent(text -> assertThat(NodePaths.decode(NodePaths.encode(text))).contains(text));
            }
        });
    }

    private static boolean isStrictUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
