package io.vakt.graphql.ws;

import io.vakt.graphql.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte-exact server messages and the decoding rules of both client message families. */
class MessageCodecTest {

    private static MessageCodec.Decoded<LegacyMessage> legacy(String text) { return MessageCodec.decodeLegacy(text); }

    private static MessageCodec.Decoded<TransportWsMessage> transportWs(String text) {
        return MessageCodec.decodeTransportWs(text);
    }

    private static <M> MessageCodec.Decoded<M> ok(M message) { return new MessageCodec.Decoded.Ok<>(message); }

    private static <M> MessageCodec.Decoded<M> malformed(String reason, String id) {
        return new MessageCodec.Decoded.Malformed<>(reason, id);
    }

    private static String nested(int depth) {
        return "{\"type\":\"connection_init\",\"payload\":{\"x\":" + "[".repeat(depth - 2) + "]".repeat(depth - 2) + "}}";
    }

    // ---- server messages, byte-exact ----------------------------------------------------------------

    @Test
    void encodesTypeOnlyMessages() {
        assertThat(MessageCodec.typeOnly("connection_ack")).isEqualTo("{\"type\":\"connection_ack\"}");
        assertThat(MessageCodec.typeOnly("ka")).isEqualTo("{\"type\":\"ka\"}");
        assertThat(MessageCodec.typeOnly("pong")).isEqualTo("{\"type\":\"pong\"}");
    }

    @Test
    void encodesMessagesWithPayload() {
        assertThat(MessageCodec.withPayload("connection_error", Map.of("message", "INVALID_AUTH_TOKEN")))
                .isEqualTo("{\"type\":\"connection_error\",\"payload\":{\"message\":\"INVALID_AUTH_TOKEN\"}}");
    }

    @Test
    void encodesIdAndType() {
        assertThat(MessageCodec.idType("1", "complete")).isEqualTo("{\"id\":\"1\",\"type\":\"complete\"}");
    }

    @Test
    void encodesIdTypeAndObjectOrArrayPayload() {
        assertThat(MessageCodec.idTypePayload("1", "error", Map.of("message", "m")))
                .isEqualTo("{\"id\":\"1\",\"type\":\"error\",\"payload\":{\"message\":\"m\"}}");
        assertThat(MessageCodec.idTypePayload("1", "error", List.of(Map.of("message", "m"))))
                .isEqualTo("{\"id\":\"1\",\"type\":\"error\",\"payload\":[{\"message\":\"m\"}]}");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", null);
        assertThat(MessageCodec.idTypePayload("q", "next", result))
                .isEqualTo("{\"id\":\"q\",\"type\":\"next\",\"payload\":{\"data\":null}}");
    }

    @Test
    void envelopePrefixPayloadAndSuffixFormTheMessage() {
        byte[] prefix = MessageCodec.envelopePrefix("42", "data");
        assertThat(new String(prefix, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"42\",\"type\":\"data\",\"payload\":");
        assertThat(MessageCodec.ENVELOPE_SUFFIX).containsExactly('}');
        String joined = join(prefix, "{\"data\":{\"data\":{\"value\":1}}}", MessageCodec.ENVELOPE_SUFFIX);
        assertThat(joined).isEqualTo("{\"id\":\"42\",\"type\":\"data\",\"payload\":{\"data\":{\"data\":{\"value\":1}}}}");
        assertThat(Json.tree(joined).at("/payload/data/data/value").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "back\\slash", "new\nline", "ünïcødé ✓", "</script>", "\u0001"})
    void envelopeOfAnyIdIsValidJson(String id) {
        String joined = join(MessageCodec.envelopePrefix(id, "next"), "{\"data\":null}", MessageCodec.ENVELOPE_SUFFIX);
        assertThat(Json.tree(joined).get("id").asString()).isEqualTo(id);
        assertThat(Json.tree(MessageCodec.idType(id, "complete")).get("id").asString()).isEqualTo(id);
    }

    private static String join(byte[] prefix, String payload, byte[] suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix);
        out.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(suffix);
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---- legacy client messages ---------------------------------------------------------------------

    @Test
    void decodesLegacyConnectionInit() {
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer t\"}}"))
                .isEqualTo(ok(new LegacyMessage.ConnectionInit(Map.of("Authorization", "Bearer t"))));
    }

    @Test
    void decodesLegacyConnectionInitWithoutOrWithOddPayloadAsEmpty() {
        assertThat(legacy("{\"type\":\"connection_init\"}")).isEqualTo(ok(new LegacyMessage.ConnectionInit(Map.of())));
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":\"x\"}"))
                .isEqualTo(ok(new LegacyMessage.ConnectionInit(Map.of())));
    }

    @Test
    void decodesLegacyStart() {
        assertThat(legacy("{\"id\":\"1\",\"type\":\"start\",\"payload\":{\"query\":\"{x}\",\"variables\":{\"p\":1},"
                + "\"operationName\":\"Op\"}}"))
                .isEqualTo(ok(new LegacyMessage.Start("1", new OperationPayload("{x}", Map.of("p", 1), "Op"))));
        assertThat(legacy("{\"id\":\"1\",\"type\":\"start\",\"payload\":{\"query\":\"{x}\",\"variables\":null}}"))
                .isEqualTo(ok(new LegacyMessage.Start("1", new OperationPayload("{x}", Map.of(), null))));
    }

    @Test
    void decodesLegacyStopAndTerminate() {
        assertThat(legacy("{\"id\":\"1\",\"type\":\"stop\"}")).isEqualTo(ok(new LegacyMessage.Stop("1")));
        assertThat(legacy("{\"type\":\"connection_terminate\"}")).isEqualTo(ok(new LegacyMessage.ConnectionTerminate()));
    }

    @Test
    void decodesUnknownLegacyTypeWithItsId() {
        assertThat(legacy("{\"id\":\"9\",\"type\":\"subscribe\"}")).isEqualTo(ok(new LegacyMessage.Unknown("9", "subscribe")));
        assertThat(legacy("{\"type\":\"ping\"}")).isEqualTo(ok(new LegacyMessage.Unknown(null, "ping")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"text\"", "42", "null", "{\"type\":\"start\"", "{} {}"})
    void rejectsLegacyMessageThatIsNotOneJsonObject(String text) {
        assertThat(legacy(text)).isEqualTo(malformed("message is not a JSON object", null));
    }

    @Test
    void rejectsLegacyMessageWithoutStringType() {
        assertThat(legacy("{\"id\":\"1\"}")).isEqualTo(malformed("message has no type", "1"));
        assertThat(legacy("{\"id\":\"1\",\"type\":5}")).isEqualTo(malformed("message has no type", "1"));
    }

    @Test
    void rejectsLegacyStartWithoutId() {
        assertThat(legacy("{\"type\":\"start\",\"payload\":{\"query\":\"{x}\"}}"))
                .isEqualTo(malformed("start without an id", null));
        assertThat(legacy("{\"id\":\"\",\"type\":\"start\",\"payload\":{\"query\":\"{x}\"}}"))
                .isEqualTo(malformed("start without an id", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"payload\":null", ",\"payload\":{}", ",\"payload\":{\"query\":7}",
            ",\"payload\":{\"query\":\"{x}\",\"variables\":[1]}", ",\"payload\":[\"{x}\"]"})
    void rejectsLegacyStartWithoutQueryString(String payload) {
        assertThat(legacy("{\"id\":\"1\",\"type\":\"start\"" + payload + "}"))
                .isEqualTo(malformed("start without a payload.query string", "1"));
    }

    @Test
    void rejectsLegacyStopWithoutId() {
        assertThat(legacy("{\"type\":\"stop\"}")).isEqualTo(malformed("stop without an id", null));
    }

    // ---- graphql-transport-ws client messages -------------------------------------------------------

    @Test
    void decodesTransportWsConnectionInit() {
        assertThat(transportWs("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"t\"}}"))
                .isEqualTo(ok(new TransportWsMessage.ConnectionInit(Map.of("authToken", "t"))));
        assertThat(transportWs("{\"type\":\"connection_init\"}")).isEqualTo(ok(new TransportWsMessage.ConnectionInit(Map.of())));
        assertThat(transportWs("{\"type\":\"connection_init\",\"payload\":null}"))
                .isEqualTo(ok(new TransportWsMessage.ConnectionInit(Map.of())));
    }

    @Test
    void decodesTransportWsSubscribe() {
        assertThat(transportWs("{\"id\":\"a\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription{x}\","
                + "\"variables\":{\"p\":\"v\"},\"operationName\":null,\"extensions\":{}}}"))
                .isEqualTo(ok(new TransportWsMessage.Subscribe("a", new OperationPayload("subscription{x}", Map.of("p", "v"), null))));
    }

    @Test
    void decodesTransportWsCompletePingAndPong() {
        assertThat(transportWs("{\"id\":\"a\",\"type\":\"complete\"}")).isEqualTo(ok(new TransportWsMessage.Complete("a")));
        assertThat(transportWs("{\"type\":\"ping\"}")).isEqualTo(ok(new TransportWsMessage.Ping(null)));
        assertThat(transportWs("{\"type\":\"ping\",\"payload\":{\"t\":1}}")).isEqualTo(ok(new TransportWsMessage.Ping(Map.of("t", 1))));
        assertThat(transportWs("{\"type\":\"pong\",\"payload\":[1]}")).isEqualTo(ok(new TransportWsMessage.Pong(List.of(1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[{\"type\":\"ping\"}]", "true"})
    void rejectsTransportWsMessageThatIsNotOneJsonObject(String text) {
        assertThat(transportWs(text)).isEqualTo(malformed("message is not a JSON object", null));
    }

    @Test
    void rejectsTransportWsMessageWithoutType() {
        assertThat(transportWs("{\"id\":\"a\",\"payload\":{}}")).isEqualTo(malformed("message has no type", "a"));
    }

    @Test
    void rejectsTransportWsInitWithNonObjectPayload() {
        assertThat(transportWs("{\"type\":\"connection_init\",\"payload\":[]}"))
                .isEqualTo(malformed("connection_init payload must be an object", null));
    }

    @Test
    void rejectsTransportWsSubscribeWithoutId() {
        assertThat(transportWs("{\"type\":\"subscribe\",\"payload\":{\"query\":\"{x}\"}}"))
                .isEqualTo(malformed("subscribe without an id", null));
        assertThat(transportWs("{\"id\":\"\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{x}\"}}"))
                .isEqualTo(malformed("subscribe without an id", null));
    }

    @Test
    void rejectsTransportWsSubscribeWithoutQueryString() {
        assertThat(transportWs("{\"id\":\"a\",\"type\":\"subscribe\",\"payload\":{\"variables\":{}}}"))
                .isEqualTo(malformed("subscribe without a payload.query string", "a"));
    }

    @Test
    void rejectsTransportWsCompleteWithoutId() {
        assertThat(transportWs("{\"type\":\"complete\"}")).isEqualTo(malformed("complete without an id", null));
        assertThat(transportWs("{\"type\":\"complete\",\"id\":\"\"}")).isEqualTo(malformed("complete without an id", null));
    }

    @Test
    void rejectsUnknownTransportWsType() {
        assertThat(transportWs("{\"id\":\"a\",\"type\":\"start\"}")).isEqualTo(malformed("unknown message type \"start\"", "a"));
        String longType = "x".repeat(100);
        assertThat(transportWs("{\"type\":\"" + longType + "\"}"))
                .isEqualTo(malformed("unknown message type \"" + "x".repeat(40) + "…\"", null));
    }

    // ---- hard limits ----------------------------------------------------------------------------------

    @Test
    void acceptsNestingOf64Levels() {
        assertThat(legacy(nested(64))).isInstanceOf(MessageCodec.Decoded.Ok.class);
        assertThat(transportWs(nested(64))).isInstanceOf(MessageCodec.Decoded.Ok.class);
    }

    @Test
    void rejectsNestingDeeperThan64Levels() {
        assertThat(legacy(nested(65))).isEqualTo(malformed("message is not a JSON object", null));
        assertThat(transportWs(nested(65))).isEqualTo(malformed("message is not a JSON object", null));
        assertThat(legacy(nested(10_000))).isInstanceOf(MessageCodec.Decoded.Malformed.class);
    }

    @Test
    void rejectsNumbersLongerThan100Digits() {
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":{\"n\":" + "9".repeat(100) + "}}"))
                .isInstanceOf(MessageCodec.Decoded.Ok.class);
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":{\"n\":" + "9".repeat(101) + "}}"))
                .isEqualTo(malformed("message is not a JSON object", null));
    }

    @Test
    void rejectsNamesLongerThan1000Characters() {
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":{\"" + "k".repeat(1_000) + "\":1}}"))
                .isInstanceOf(MessageCodec.Decoded.Ok.class);
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":{\"" + "k".repeat(1_001) + "\":1}}"))
                .isEqualTo(malformed("message is not a JSON object", null));
    }

    @Test
    void rejectsStringsLongerThanOneMillionCharacters() {
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":{\"s\":\"" + "s".repeat(1_000_000) + "\"}}"))
                .isInstanceOf(MessageCodec.Decoded.Ok.class);
        assertThat(legacy("{\"type\":\"connection_init\",\"payload\":{\"s\":\"" + "s".repeat(1_000_001) + "\"}}"))
                .isEqualTo(malformed("message is not a JSON object", null));
    }
}
