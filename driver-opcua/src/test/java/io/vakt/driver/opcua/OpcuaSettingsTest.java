package io.vakt.driver.opcua;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per validation rule of the controller settings and point options. */
class OpcuaSettingsTest {
    private static final String ENDPOINT = "opc.tcp://10.0.0.5:4841/UA/Server";
    private static final String FINGERPRINT = "AB:".repeat(31) + "AB";

    @TempDir
    Path dir;

    @Test
    void readsDefaults() {
        OpcuaSettings settings = OpcuaSettings.of(controller(Map.of("endpoint", ENDPOINT)));
        assertThat(settings.host()).isEqualTo("10.0.0.5");
        assertThat(settings.port()).isEqualTo(4841);
        assertThat(settings.policy()).isEqualTo(SecurityPolicyChoice.NONE);
        assertThat(settings.mode()).isEqualTo(SecurityModeChoice.NONE);
        assertThat(settings.publishingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.samplingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.link().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.pkiDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "vakt-opcua-pki", "Plc"));
        assertThat(settings.hasUser()).isFalse();
    }

    @Test
    void endpointWithoutPortUsesTheOpcUaDefault() {
        assertThat(OpcuaSettings.of(controller(Map.of("endpoint", "opc.tcp://plc.local"))).port()).isEqualTo(4840);
        assertThat(OpcuaSettings.of(controller(Map.of("endpoint", "opc.tcp://[::1]:4850/x"))).host()).isEqualTo("::1");
    }

    @Test
    void securedPolicyDefaultsToSignAndEncrypt() {
        OpcuaSettings settings = OpcuaSettings.of(controller(Map.of("endpoint", ENDPOINT, "securityPolicy", "Aes256_Sha256_RsaPss")));
        assertThat(settings.policy()).isEqualTo(SecurityPolicyChoice.AES256_SHA256_RSAPSS);
        assertThat(settings.mode()).isEqualTo(SecurityModeChoice.SIGNANDENCRYPT);
    }

    @Test
    void rejectsMissingEndpoint() {
        assertRejected(Map.of(), "opcua setting \"endpoint\" is required");
    }

    @Test
    void rejectsEndpointThatIsNoOpcTcpUrl() {
        assertRejected(Map.of("endpoint", "http://10.0.0.5:4840"), "endpoint \"http://10.0.0.5:4840\" must be an opc.tcp URL");
    }

    @Test
    void rejectsEndpointPortOutOfRange() {
        assertRejected(Map.of("endpoint", "opc.tcp://h:70000"), "has a port outside 1 to 65535");
    }

    @Test
    void rejectsUnknownSecurityPolicy() {
        assertRejected(Map.of("endpoint", ENDPOINT, "securityPolicy", "basic128rsa15"),
                "securityPolicy \"basic128rsa15\" must be one of none, basic256sha256, aes128-sha256-rsaoaep, aes256-sha256-rsapss");
    }

    @Test
    void rejectsSecurityModeNoneWithASecuredPolicy() {
        assertRejected(Map.of("endpoint", ENDPOINT, "securityPolicy", "basic256sha256", "securityMode", "none"),
                "must be sign or signandencrypt with securityPolicy basic256sha256");
    }

    @Test
    void rejectsSigningWithoutAPolicy() {
        assertRejected(Map.of("endpoint", ENDPOINT, "securityMode", "sign"), "must be none with securityPolicy none");
    }

    @Test
    void rejectsPasswordWithoutUsername() {
        assertRejected(Map.of("endpoint", ENDPOINT, "password", "x"), "password \"x\" needs a username");
    }

    @Test
    void rejectsPasswordTogetherWithPasswordEnv() {
        assertRejected(Map.of("endpoint", ENDPOINT, "username", "u", "password", "x", "passwordEnv", "PW"),
                "cannot be combined with password");
    }

    @Test
    void readsThePasswordFromTheNamedEnvironmentVariable() {
        Controller controller = controller(Map.of("endpoint", ENDPOINT, "username", "u", "passwordEnv", "PLC_PW"));
        assertThat(OpcuaSettings.of(controller, name -> name.equals("PLC_PW") ? "s3cret" : null).password()).isEqualTo("s3cret");
        assertThatThrownBy(() -> OpcuaSettings.of(controller, name -> null)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("passwordEnv \"PLC_PW\" names an environment variable that is not set");
        assertThat(OpcuaSettings.of(controller, name -> "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void rejectsPublishingIntervalOutOfRange() {
        assertRejected(Map.of("endpoint", ENDPOINT, "publishingInterval", "10ms"), "must be between 50ms and 10m");
    }

    @Test
    void rejectsTrustServerThatIsNeitherFingerprintNorCertificateFile() {
        assertRejected(Map.of("endpoint", ENDPOINT, "trustServer", dir.resolve("missing.der").toString()),
                "must be the server certificate's SHA-256 fingerprint");
    }

    @Test
    void acceptsTrustServerAsFingerprintOrCertificateFile() throws Exception {
        assertThat(OpcuaSettings.of(controller(Map.of("endpoint", ENDPOINT, "trustServer", FINGERPRINT))).trustServer())
                .contains(FINGERPRINT);
        try (TestServer server = TestServer.start(TestServer.freePort())) {
            Path der = dir.resolve("server.der");
            Files.write(der, server.certificate().getEncoded());
            assertThat(ServerTrust.fingerprintOf(der.toString())).isEqualTo(ServerTrust.fingerprint(server.certificate()));
            assertThat(ServerTrust.fingerprintOf("sha256:" + ServerTrust.fingerprint(server.certificate()).replace(":", "").toLowerCase()))
                    .isEqualTo(ServerTrust.fingerprint(server.certificate()));
        }
    }

    @Test
    void rejectsUnknownSettingWithASuggestion() {
        assertRejected(Map.of("endpoint", ENDPOINT, "sampleInterval", "1s"), "unknown opcua setting \"sampleInterval\"");
    }

    @Test
    void rejectsPointWithoutNode() {
        assertPointRejected(PointType.REAL, Map.of(), "\"node\" is required");
    }

    @Test
    void rejectsNodeThatIsNoNodeId() {
        assertPointRejected(PointType.REAL, Map.of("node", "Demo.Temp"), "node \"Demo.Temp\" is no NodeId");
    }

    @Test
    void rejectsNegativeDeadband() {
        assertPointRejected(PointType.REAL, Map.of("node", "ns=2;s=T", "deadband", "-1"), "deadband \"-1\" must not be negative");
    }

    @Test
    void rejectsDeadbandOnStringPoints() {
        assertPointRejected(PointType.STRING, Map.of("node", "ns=2;s=T", "deadband", "1"), "applies to numeric points only");
    }

    @Test
    void rejectsQueueSizeOutOfRange() {
        assertPointRejected(PointType.REAL, Map.of("node", "ns=2;s=T", "queueSize", "0"), "queueSize \"0\" must be from 1 to 1000");
    }

    @Test
    void rejectsUnknownPointOption() {
        assertPointRejected(PointType.REAL, Map.of("node", "ns=2;s=T", "nodeid", "x"), "unknown opcua option of point T1 \"nodeid\"");
    }

    @Test
    void pointOptionsOverrideTheControllerSamplingInterval() {
        Controller controller = controller(Map.of("endpoint", ENDPOINT, "samplingInterval", "2s"),
                point(PointType.REAL, Map.of("node", "ns=2;s=Demo.Temp", "deadband", "0.5", "queueSize", "3")),
                new Point("T2", PointType.REAL, "", false, null, null, "", Map.of("node", "i=2258", "samplingInterval", "100ms"),
                        new SourceRef("controllers/Plc.yaml", 9)));
        Map<Point, OpcuaPointOptions> options = OpcuaPointOptions.compile(controller, OpcuaSettings.of(controller));
        OpcuaPointOptions first = options.get(controller.points().get(0));
        assertThat(first.node().toParseableString()).isEqualTo("ns=2;s=Demo.Temp");
        assertThat(first.samplingInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(first.deadband()).contains(0.5);
        assertThat(first.queueSize()).isEqualTo(3);
        assertThat(options.get(controller.points().get(1)).samplingInterval()).isEqualTo(Duration.ofMillis(100));
    }

    private void assertRejected(Map<String, String> settings, String message) {
        assertThatThrownBy(() -> new OpcuaDriverFactory().validate(controller(settings)))
                .isInstanceOf(ProjectException.class).hasMessageContaining(message).hasMessageContaining("controllers/Plc.yaml");
    }

    private void assertPointRejected(PointType type, Map<String, String> options, String message) {
        assertThatThrownBy(() -> new OpcuaDriverFactory().validate(controller(Map.of("endpoint", ENDPOINT), point(type, options))))
                .isInstanceOf(ProjectException.class).hasMessageContaining(message).hasMessageContaining("controllers/Plc.yaml:7");
    }

    private static Point point(PointType type, Map<String, String> options) {
        return new Point("T1", type, "", false, null, null, "", new LinkedHashMap<>(options), new SourceRef("controllers/Plc.yaml", 7));
    }

    private static Controller controller(Map<String, String> settings, Point... points) {
        return new Controller("Plc", "Plc", "opcua", new HashMap<>(settings), List.of(points), new SourceRef("controllers/Plc.yaml", 1));
    }
}
