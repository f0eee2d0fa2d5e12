package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The WAMP project's conformance vectors ({@code conformance/wamp/}, see its NOTICE.md), run against every
 * serializer we support. Serialization samples: every listed byte form decodes to the expected attributes, our
 * own encoding decodes back to them and equals one of the listed forms ("at least one must match"). Validation
 * samples ({@code wmsg}): the raw message is accepted, or rejected with a protocol violation naming the field.
 * Samples for serializers we do not support (ubjson, flatbuffers) are skipped.
 */
class ConformanceVectorsTest {
    /** The vector set copied in NOTICE.md holds this many single-message files; fewer means a broken copy. */
    private static final int SINGLE_MESSAGE_FILES = 26;
    private static final int MULTI_SESSION_FILES = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Map<String, ValueSerializer> SUPPORTED = Map.of(
            "json", Serializers.JSON, "msgpack", Serializers.MSGPACK, "cbor", Serializers.CBOR);

    @Test
    void everyVectorFileIsPresentAndReadable() throws IOException {
        List<Path> single = vectorFiles("singlemessage");
        assertThat(single).hasSize(SINGLE_MESSAGE_FILES);
        for (Path file : single) {
            Map<String, Object> vector = read(file);
            assertThat(vector).containsKeys("wamp_message_type", "wamp_message_code", "samples");
            assertThat(list(vector.get("samples"))).as(file.toString()).isNotEmpty();
        }
        List<Path> multi = vectorFiles("multisession");
        assertThat(multi).hasSize(MULTI_SESSION_FILES);
        for (Path file : multi) assertThat(read(file)).containsKeys("sessions", "sequence");
    }

    @TestFactory
    Stream<DynamicNode> singleMessageVectors() throws IOException {
        List<Path> files = vectorFiles("singlemessage");
        assertThat(files).hasSize(SINGLE_MESSAGE_FILES);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> vector = read(file);
            List<DynamicNode> samples = new ArrayList<>();
            int index = 0;
            for (Object s : list(vector.get("samples"))) {
                Map<String, Object> sample = map(s);
                String name = "#" + (++index) + " " + sample.get("description");
                if (sample.containsKey("wmsg")) {
                    samples.add(DynamicTest.dynamicTest(name, () -> checkValidationSample(sample)));
                } else {
                    samples.add(DynamicContainer.dynamicContainer(name, serializationTests(sample)));
                }
            }
            assertThat(samples).as(file.toString()).isNotEmpty();
            nodes.add(DynamicContainer.dynamicContainer(file.getParent().getFileName() + "/" + file.getFileName(), samples));
        }
        return nodes.stream();
    }

    private static Stream<DynamicNode> serializationTests(Map<String, Object> sample) {
        Map<String, Object> serializers = map(sample.get("serializers"));
        Map<String, Object> expected = map(sample.get("expected_attributes"));
        List<DynamicNode> tests = new ArrayList<>();
        for (Map.Entry<String, ValueSerializer> format : SUPPORTED.entrySet()) {
            if (!serializers.containsKey(format.getKey())) continue;
            List<byte[]> variants = new ArrayList<>();
            for (Object v : list(serializers.get(format.getKey()))) variants.add(bytesOf(format.getKey(), map(v)));
            assertThat(variants).isNotEmpty();
            for (int i = 0; i < variants.size(); i++) {
                byte[] bytes = variants.get(i);
                tests.add(DynamicTest.dynamicTest(format.getKey() + " variant " + (i + 1),
                        () -> checkSerialization(format.getValue(), bytes, variants, expected)));
            }
        }
        assertThat(tests).as("a sample without any supported serializer").isNotEmpty();
        return tests.stream();
    }

    private static void checkSerialization(ValueSerializer serializer, byte[] bytes, List<byte[]> variants,
                                           Map<String, Object> expected) {
        WampMessage decoded = serializer.decode(bytes);
        assertAttributes(decoded, expected);

        byte[] encoded = serializer.encode(decoded);
        assertAttributes(serializer.decode(encoded), expected);
        assertThat(variants).as("our %s encoding %s is one of the listed forms", serializer.subprotocol(),
                        HexFormat.of().formatHex(encoded))
                .anySatisfy(v -> assertThat(encoded).isEqualTo(v));
    }

    static void assertAttributes(WampMessage message, Map<String, Object> expected) {
        Map<String, Object> actual = WireAttributes.of(message);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            String key = e.getKey();
            if (!actual.containsKey(key)) fail("no mapping for vector attribute " + key + " of " + message);
            assertThat(WireAttributes.normalize(key, actual.get(key)))
                    .as("attribute %s of %s", key, message)
                    .isEqualTo(WireAttributes.normalize(key, e.getValue()));
        }
    }

    /** wmsg samples go through the JSON serializer's value model, then the reader. */
    private static void checkValidationSample(Map<String, Object> sample) {
        byte[] json = MAPPER.writeValueAsBytes(sample.get("wmsg"));
        List<Object> wire = Serializers.JSON.decodeArray(json);
        if (sample.get("expected_error") instanceof Map<?, ?> error) {
            assertThat(error.get("type")).isEqualTo("protocol_violation");
            assertThatThrownBy(() -> MessageReader.read(wire))
                    .isInstanceOf(ProtocolViolation.class)
                    .hasMessageContaining((String) error.get("contains"));
        } else {
            assertThatCode(() -> MessageReader.read(wire)).doesNotThrowAnyException();
        }
    }

    /**
     * The multi-session scenario lists its messages by attribute; each must build into a valid message whose
     * attributes survive every serializer.
     */
    @TestFactory
    Stream<DynamicNode> multiSessionMessages() throws IOException {
        List<Path> files = vectorFiles("multisession");
        assertThat(files).hasSize(MULTI_SESSION_FILES);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            for (Object s : list(read(file).get("sequence"))) {
                Map<String, Object> step = map(s);
                Map<String, Object> attributes = map(step.get("message"));
                nodes.add(DynamicTest.dynamicTest(file.getFileName() + " step " + step.get("step"), () -> {
                    WampMessage message = MessageReader.read(MultiSessionLayout.wire(attributes));
                    Map<String, Object> expected = new java.util.LinkedHashMap<>(attributes);
                    expected.remove("type");
                    for (ValueSerializer serializer : SUPPORTED.values()) {
                        assertAttributes(serializer.decode(serializer.encode(message)), expected);
                    }
                }));
            }
        }
        return nodes.stream();
    }

    private static byte[] bytesOf(String format, Map<String, Object> variant) {
        if (format.equals("json") && variant.get("bytes") instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return HexFormat.of().parseHex((String) variant.get("bytes_hex"));
    }

    private static List<Path> vectorFiles(String folder) throws IOException {
        URL root = ConformanceVectorsTest.class.getResource("/conformance/wamp/" + folder);
        assertThat(root).as("conformance vectors folder " + folder + " on the test classpath").isNotNull();
        try (Stream<Path> paths = Files.walk(Path.of(root.toURI()))) {
            return paths.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        return MAPPER.readValue(Files.readAllBytes(file), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<?>) o;
    }
}
