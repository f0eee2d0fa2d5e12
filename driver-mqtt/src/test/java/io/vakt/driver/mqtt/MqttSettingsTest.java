package io.vakt.driver.mqtt;

import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSettingsTest {

    private static MqttSettings read(String... keysAndValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) settings.put(keysAndValues[i], keysAndValues[i + 1]);
        return MqttSettings.of(Fixtures.controller(settings), name -> name.equals("BROKER_PW") ? "s3cret" : null);
    }

    @Test
    void defaultsApplyToAPlainUrl() {
        MqttSettings settings = read("url", "mqtt://127.0.0.1");
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(1883);
        assertThat(settings.tls()).isFalse();
        assertThat(settings.version()).isEqualTo(MqttSettings.ProtocolVersion.MQTT_5);
        assertThat(settings.qos()).isEqualTo(1);
        assertThat(settings.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.link().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.clientId()).matches("vakt-Broker-[0-9a-f]{8}");
    }

    @Test
    void mqttsSchemeMeansTlsOnPort8883() {
        MqttSettings settings = read("url", "mqtts://broker.example");
        assertThat(settings.tls()).isTrue();
        assertThat(settings.port()).isEqualTo(8883);
        assertThat(settings.peer()).isEqualTo("mqtts://broker.example:8883");
    }

    @Test
    void versionThreeIsChosenByItsFullNumber() {
        assertThat(read("url", "mqtt://h:1", "version", "3.1.1").version()).isEqualTo(MqttSettings.ProtocolVersion.MQTT_3_1_1);
    }

    @Test
    void unknownVersionIsRejected() {
        assertThatThrownBy(() -> read("url", "mqtt://h", "version", "4"))
                .isInstanceOf(ProjectException.class)
                .hasMessageStartingWith("controllers/Broker.yaml:4: mqtt setting version \"4\" must be one of 5, 3.1.1");
    }

    @Test
    void urlIsRequired() {
        assertThatThrownBy(() -> read("qos", "1")).isInstanceOf(ProjectException.class)
                .hasMessageContaining("mqtt setting \"url\" is required");
    }

    @Test
    void urlWithAnotherSchemeIsRejected() {
        assertThatThrownBy(() -> read("url", "tcp://h:1883"))
                .hasMessage("controllers/Broker.yaml:3: mqtt setting url \"tcp://h:1883\" must start with mqtt:// or mqtts://");
    }

    @Test
    void urlWithCredentialsIsRejected() {
        assertThatThrownBy(() -> read("url", "mqtt://u:p@h:1883")).hasMessageContaining("must not hold credentials");
    }

    @Test
    void urlWithAPathIsRejected() {
        assertThatThrownBy(() -> read("url", "mqtt://h:1883/x")).hasMessageContaining("no path, query or fragment");
    }

    @Test
    void tlsNoContradictingMqttsIsRejected() {
        assertThatThrownBy(() -> read("url", "mqtts://h", "tls", "no")).hasMessageContaining("contradicts the url");
    }

    @Test
    void caFileWithoutTlsIsRejected(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        assertThatThrownBy(() -> read("url", "mqtt://h", "caFile", ca.toString())).hasMessageContaining("needs a TLS connection");
    }

    @Test
    void caFileThatIsNoCertificateIsRejected(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> read("url", "mqtts://h", "caFile", ca.toString())).hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void missingCaFileIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> read("url", "mqtts://h", "caFile", dir.resolve("none.pem").toString()))
                .hasMessageContaining("is no readable file");
    }

    @Test
    void passwordMayComeFromTheEnvironment() {
        assertThat(read("url", "mqtt://h", "username", "vakt", "passwordEnv", "BROKER_PW").password()).isEqualTo("s3cret");
    }

    @Test
    void unsetPasswordVariableIsRejected() {
        assertThatThrownBy(() -> read("url", "mqtt://h", "username", "vakt", "passwordEnv", "NOT_THERE"))
                .hasMessageContaining("passwordEnv \"NOT_THERE\" names an environment variable that is not set");
    }

    @Test
    void passwordAndPasswordEnvTogetherAreRejected() {
        assertThatThrownBy(() -> read("url", "mqtt://h", "username", "u", "password", "p", "passwordEnv", "BROKER_PW"))
                .hasMessageContaining("and password are both given");
    }

    @Test
    void passwordWithoutUsernameIsRejected() {
        assertThatThrownBy(() -> read("url", "mqtt://h", "password", "p")).hasMessageContaining("needs a username");
    }

    @Test
    void passwordStaysOutOfToString() {
        assertThat(read("url", "mqtt://h", "username", "u", "password", "p4ss").toString()).doesNotContain("p4ss");
    }

    @Test
    void keepAliveMustBeWholeSeconds() {
        assertThatThrownBy(() -> read("url", "mqtt://h", "keepAlive", "1500ms")).hasMessageContaining("must be whole seconds");
    }

    @Test
    void qosAboveTwoIsRejected() {
        assertThatThrownBy(() -> read("url", "mqtt://h", "qos", "3")).hasMessageContaining("qos \"3\" must be from 0 to 2");
    }

    @Test
    void unknownSettingIsRejectedWithAHint() {
        assertThatThrownBy(() -> read("url", "mqtt://h", "keepalive", "5s"))
                .hasMessageContaining("unknown mqtt setting \"keepalive\"").hasMessageContaining("keepAlive");
    }

    @Test
    void reconnectSettingsAreTheCommonOnes() {
        MqttSettings settings = read("url", "mqtt://h", "reconnectMin", "50ms", "reconnectMax", "2s", "timeout", "1s");
        assertThat(settings.link().backoff().first()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.link().backoff().max()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.link().timeout()).isEqualTo(Duration.ofSeconds(1));
    }
}
