package io.vakt.driver.mqtt;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.PointType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.vakt.driver.mqtt.Fixtures.mqttPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadsTest {

    private static Payloads.Decoded decode(MqttPoint point, String payload) {
        return Payloads.decode(point, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Object value(MqttPoint point, String payload) {
        Payloads.Decoded decoded = decode(point, payload);
        assertThat(decoded).isInstanceOf(Payloads.Decoded.Value.class);
        return ((Payloads.Decoded.Value) decoded).value();
    }

    private static String refusal(MqttPoint point, byte[] payload) {
        Payloads.Decoded decoded = Payloads.decode(point, payload);
        assertThat(decoded).isInstanceOf(Payloads.Decoded.Refused.class);
        return ((Payloads.Decoded.Refused) decoded).reason();
    }

    private static String refusal(MqttPoint point, String payload) {
        return refusal(point, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainPayloadsFollowThePointType() {
        assertThat(value(mqttPoint("T", PointType.REAL, "topic", "t"), " 21.5\n")).isEqualTo(21.5);
        assertThat(value(mqttPoint("I", PointType.INTEGER, "topic", "t"), "41.6")).isEqualTo(42L);
        assertThat(value(mqttPoint("D", PointType.DIGITAL, "topic", "t"), "1")).isEqualTo(1L);
        assertThat(value(mqttPoint("S", PointType.STRING, "topic", "t"), " Auto ")).isEqualTo(" Auto ");
    }

    @Test
    void plainBooleansCountAsOneAndZero() {
        MqttPoint digital = mqttPoint("D", PointType.DIGITAL, "topic", "t");
        assertThat(value(digital, "true")).isEqualTo(1L);
        assertThat(value(digital, "OFF")).isEqualTo(0L);
        assertThat(value(mqttPoint("R", PointType.REAL, "topic", "t"), "on")).isEqualTo(1.0);
    }

    @Test
    void plainTextOnANumericPointIsRefused() {
        assertThat(refusal(mqttPoint("T", PointType.REAL, "topic", "t"), "warm")).contains("\"warm\" is not a number");
    }

    @Test
    void emptyPayloadOnANumericPointIsRefusedButIsAnEmptyString() {
        assertThat(refusal(mqttPoint("T", PointType.REAL, "topic", "t"), "")).isEqualTo("payload is empty");
        assertThat(value(mqttPoint("S", PointType.STRING, "topic", "t"), "")).isEqualTo("");
    }

    @Test
    void jsonFieldPathsReachNestedMembersAndArrayElements() {
        String payload = "{\"value\": {\"temp\": 19.25}, \"sensors\": [{\"v\": 1}, {\"v\": 7}], \"on\": true, \"mode\": \"Auto\"}";
        assertThat(value(mqttPoint("A", PointType.REAL, "topic", "t", "field", "value.temp"), payload)).isEqualTo(19.25);
        assertThat(value(mqttPoint("B", PointType.INTEGER, "topic", "t", "field", "$.sensors[1].v"), payload)).isEqualTo(7L);
        assertThat(value(mqttPoint("C", PointType.DIGITAL, "topic", "t", "field", "on"), payload)).isEqualTo(1L);
        assertThat(value(mqttPoint("D", PointType.STRING, "topic", "t", "field", "mode"), payload)).isEqualTo("Auto");
        assertThat(value(mqttPoint("E", PointType.STRING, "topic", "t", "field", "on"), payload)).isEqualTo("true");
    }

    @Test
    void jsonArrayRootIsReachedByIndex() {
        assertThat(value(mqttPoint("A", PointType.REAL, "topic", "t", "field", "[1]"), "[3, 4.5]")).isEqualTo(4.5);
    }

    @Test
    void jsonStringHoldingANumberIsParsed() {
        assertThat(value(mqttPoint("A", PointType.REAL, "topic", "t", "field", "v"), "{\"v\": \"22.5\"}")).isEqualTo(22.5);
    }

    @Test
    void jsonObjectOnAStringPointIsItsText() {
        assertThat(value(mqttPoint("S", PointType.STRING, "topic", "t", "field", "v"), "{\"v\": {\"a\": 1}}"))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void jsonObjectOnANumericPointIsRefused() {
        assertThat(refusal(mqttPoint("A", PointType.REAL, "topic", "t", "field", "v"), "{\"v\": {\"a\": 1}}"))
                .isEqualTo("field v is an object, not a value");
    }

    @Test
    void missingJsonFieldIsRefused() {
        assertThat(refusal(mqttPoint("A", PointType.REAL, "topic", "t", "field", "value.temp"), "{\"value\": 3}"))
                .isEqualTo("payload has no field value.temp");
    }

    @Test
    void nullJsonFieldIsRefused() {
        assertThat(refusal(mqttPoint("A", PointType.REAL, "topic", "t", "field", "v"), "{\"v\": null}"))
                .isEqualTo("field v is null");
    }

    @Test
    void malformedJsonIsRefusedNotThrown() {
        assertThat(refusal(mqttPoint("A", PointType.REAL, "topic", "t", "field", "v"), "{\"v\": 1"))
                .startsWith("payload is not JSON (");
        assertThat(refusal(mqttPoint("A", PointType.REAL, "topic", "t", "field", "v"), ""))
                .isEqualTo("payload is empty, not JSON");
    }

    @Test
    void payloadAboveTheLimitIsRefusedBeforeDecoding() {
        byte[] big = new byte[Payloads.MAX_PAYLOAD_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '1');
        assertThat(refusal(mqttPoint("T", PointType.REAL, "topic", "t"), big))
                .isEqualTo("payload of 65537 bytes exceeds the limit of 65536 bytes");
        byte[] atLimit = new byte[Payloads.MAX_PAYLOAD_BYTES];
        java.util.Arrays.fill(atLimit, (byte) 'x');
        assertThat(value(mqttPoint("S", PointType.STRING, "topic", "t"), new String(atLimit, StandardCharsets.UTF_8)))
                .asString().hasSize(Payloads.MAX_PAYLOAD_BYTES);
    }

    @Test
    void payloadThatIsNotUtf8IsRefused() {
        assertThat(refusal(mqttPoint("S", PointType.STRING, "topic", "t"), new byte[] {(byte) 0xC3, (byte) 0x28}))
                .isEqualTo("payload is not UTF-8 text");
    }

    private static MqttPoint command(PointType type, String format) {
        return MqttPoint.compile(Fixtures.point("P", type, true, "topic", "s", "commandTopic", "c", "commandFormat", format));
    }

    private static String encode(MqttPoint point, Object value) {
        return new String(Payloads.encode(point, value), StandardCharsets.UTF_8);
    }

    @Test
    void plainCommandsAreTheValueAsText() {
        assertThat(encode(command(PointType.REAL, "plain"), 21.5)).isEqualTo("21.5");
        assertThat(encode(command(PointType.REAL, "plain"), 21.0)).isEqualTo("21");
        assertThat(encode(command(PointType.DIGITAL, "plain"), 1L)).isEqualTo("1");
        assertThat(encode(command(PointType.STRING, "plain"), "Auto")).isEqualTo("Auto");
    }

    @Test
    void jsonCommandsWrapTheValue() {
        assertThat(encode(command(PointType.REAL, "json"), 21.5)).isEqualTo("{\"value\":21.5}");
        assertThat(encode(command(PointType.REAL, "json"), 21.0)).isEqualTo("{\"value\":21}");
        assertThat(encode(command(PointType.INTEGER, "json"), 7L)).isEqualTo("{\"value\":7}");
        assertThat(encode(command(PointType.STRING, "json"), "say \"hi\"")).isEqualTo("{\"value\":\"say \\\"hi\\\"\"}");
    }

    @Test
    void commandThatIsNoNumberForANumericPointIsAnInvalidValue() {
        assertThatThrownBy(() -> Payloads.encode(command(PointType.REAL, "plain"), "warm"))
                .isInstanceOfSatisfying(VaktException.class, e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_VALUE));
    }
}
