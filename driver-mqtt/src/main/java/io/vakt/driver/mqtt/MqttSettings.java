package io.vakt.driver.mqtt;

import io.vakt.core.driver.support.LinkSettings;
import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.model.Controller;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * The {@code settings:} of one MQTT controller (a broker connection), checked.
 *
 * @param url       the broker as written ({@code mqtt://127.0.0.1:1883}), for logs
 * @param host      broker host name or address
 * @param port      broker port
 * @param tls       whether the connection is TLS ({@code mqtts://} or {@code tls: yes})
 * @param caFile    PEM file with the CA certificate(s) to trust; null for the JVM's default trust store
 * @param version   MQTT protocol version
 * @param username  user name for the CONNECT, or null
 * @param password  password for the CONNECT, or null; never logged
 * @param clientId  client identifier; stays the same across reconnects
 * @param keepAlive MQTT keep-alive (whole seconds, zero = off): how fast a silent broker is noticed
 * @param qos       QoS of subscriptions and command publishes
 * @param link      timeout and reconnect back-off
 */
record MqttSettings(String url, String host, int port, boolean tls, Path caFile, ProtocolVersion version,
                    String username, String password, String clientId, Duration keepAlive, int qos,
                    LinkSettings link) {
    static final List<String> KEYS = LinkSettings.withKeys(List.of("url", "version", "tls", "caFile", "username",
            "password", "passwordEnv", "clientId", "keepAlive", "qos"));
    static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    static final int DEFAULT_PORT = 1883;
    static final int DEFAULT_TLS_PORT = 8883;

    /** The MQTT protocol versions the driver speaks, as {@code version:} spells them. */
    enum ProtocolVersion {
        MQTT_5("5"), MQTT_3_1_1("3.1.1");

        final String label;

        ProtocolVersion(String label) { this.label = label; }
    }

    /** Reads the settings, environment variables from the process environment. */
    static MqttSettings of(Controller controller) { return of(controller, System::getenv); }

    /**
     * @param environment looks up the variable named by {@code passwordEnv} (null when unset)
     * @throws io.vakt.core.project.ProjectException naming the file, line, key and value of the first problem
     */
    static MqttSettings of(Controller controller, UnaryOperator<String> environment) {
        SettingReader reader = SettingReader.settings(controller, MqttDriverFactory.NAME, KEYS);
        String url = reader.required("url");
        URI uri = parseUrl(reader, url);
        boolean secureScheme = uri.getScheme().equalsIgnoreCase("mqtts");
        boolean tls = reader.yesNo("tls", secureScheme);
        if (secureScheme && !tls) throw reader.bad("tls", "contradicts the url's mqtts:// scheme");
        int port = uri.getPort() == -1 ? (tls ? DEFAULT_TLS_PORT : DEFAULT_PORT) : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);

        Path caFile = reader.optional("caFile").map(Path::of).orElse(null);
        if (caFile != null) {
            if (!tls) throw reader.bad("caFile", "needs a TLS connection (url mqtts://… or tls: yes)");
            try {
                TrustedCertificates.load(caFile);
            } catch (IllegalArgumentException e) {
                throw reader.bad("caFile", e.getMessage());
            }
        }

        String versionLabel = reader.choice("version", ProtocolVersion.MQTT_5.label,
                List.of(ProtocolVersion.MQTT_5.label, ProtocolVersion.MQTT_3_1_1.label));
        ProtocolVersion version = versionLabel.equals(ProtocolVersion.MQTT_5.label)
                ? ProtocolVersion.MQTT_5 : ProtocolVersion.MQTT_3_1_1;

        String username = reader.optional("username").orElse(null);
        String password = password(reader, environment);
        if (password != null && username == null) {
            throw reader.bad(reader.has("password") ? "password" : "passwordEnv", "needs a username as well");
        }

        String clientId = reader.optional("clientId").orElseGet(() -> defaultClientId(controller.name()));
        if (clientId.length() > 65_535) throw reader.bad("clientId", "is longer than MQTT allows (65535)");

        Duration keepAlive = reader.duration("keepAlive", DEFAULT_KEEP_ALIVE, Duration.ZERO, Duration.ofSeconds(65_535));
        if (keepAlive.toMillis() % 1000 != 0) throw reader.bad("keepAlive", "must be whole seconds (MQTT counts in seconds)");

        int qos = reader.integer("qos", 1, 0, 2);
        LinkSettings link = LinkSettings.read(reader);
        return new MqttSettings(url, host, port, tls, caFile, version, username, password, clientId, keepAlive, qos, link);
    }

    private static URI parseUrl(SettingReader reader, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw reader.bad("url", "is no URL (expected mqtt://host:port or mqtts://host:port)");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("mqtt") && !scheme.equals("mqtts")) {
            throw reader.bad("url", "must start with mqtt:// or mqtts://");
        }
        if (uri.getHost() == null) throw reader.bad("url", "names no host (expected mqtt://host:port)");
        if (uri.getUserInfo() != null) {
            throw reader.bad("url", "must not hold credentials: use the username and password settings");
        }
        boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/");
        if (hasPath || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw reader.bad("url", "must be only scheme, host and port (no path, query or fragment)");
        }
        return uri;
    }

    private static String password(SettingReader reader, UnaryOperator<String> environment) {
        Optional<String> inline = reader.optional("password");
        Optional<String> variable = reader.optional("passwordEnv");
        if (inline.isPresent() && variable.isPresent()) {
            throw reader.bad("passwordEnv", "and password are both given; use one");
        }
        if (variable.isEmpty()) return inline.orElse(null);
        String value = environment.apply(variable.get());
        if (value == null) throw reader.bad("passwordEnv", "names an environment variable that is not set");
        return value;
    }

    private static String defaultClientId(String controller) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "vakt-" + controller + "-" + HexFormat.of().formatHex(random);
    }

    /** Where the driver connects, for the operator log ({@code mqtts://broker:8883}). */
    String peer() { return (tls ? "mqtts://" : "mqtt://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port; }

    /** Keeps the password out of logs and test reports. */
    @Override
    public String toString() {
        return "MqttSettings[" + peer() + ", version " + version.label + ", clientId " + clientId
                + (username == null ? "" : ", username " + username + (password == null ? "" : ", password ***"))
                + ", keepAlive " + keepAlive.toSeconds() + "s, qos " + qos + ", " + link + "]";
    }
}
