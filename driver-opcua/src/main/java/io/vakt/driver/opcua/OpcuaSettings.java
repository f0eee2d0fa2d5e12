package io.vakt.driver.opcua;

import io.vakt.core.driver.support.LinkSettings;
import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.model.Controller;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The {@code settings:} of one OPC UA controller file (docs/drivers.md, "OPC UA").
 *
 * @param endpoint           {@code opc.tcp://host:port/path} as configured; its host and port are also
 *                           used to reach the endpoint the server describes (servers often describe
 *                           themselves under a host name the client cannot resolve)
 * @param policy             the channel's security policy
 * @param mode               the channel's message security mode
 * @param username           user name for a UserName token; empty for anonymous
 * @param password           the password (from {@code password} or the variable {@code passwordEnv} names)
 * @param publishingInterval how often the server sends the subscription's changes
 * @param samplingInterval   how often the server samples a monitored value, unless the point says otherwise
 * @param pkiDir             where the client's application certificate and key live (secured policies)
 * @param trustServer        the server certificate to trust: a SHA-256 fingerprint or a .der/.pem file
 * @param link               timeout and reconnect back-off
 */
public record OpcuaSettings(String endpoint, SecurityPolicyChoice policy, SecurityModeChoice mode, String username,
                            String password, Duration publishingInterval, Duration samplingInterval, Path pkiDir,
                            Optional<String> trustServer, LinkSettings link) {
    static final List<String> KEYS = LinkSettings.withKeys(List.of("endpoint", "securityPolicy", "securityMode",
            "username", "password", "passwordEnv", "publishingInterval", "samplingInterval", "pkiDir", "trustServer"));
    private static final Pattern ENDPOINT = Pattern.compile("opc\\.tcp://(\\[[0-9a-fA-F:.]+]|[^:/\\s\\[\\]]+)(:\\d{1,5})?(/\\S*)?");

    /** @throws io.vakt.core.project.ProjectException naming the line of the first bad setting */
    public static OpcuaSettings of(Controller controller) {
        return of(controller, System::getenv);
    }

    static OpcuaSettings of(Controller controller, UnaryOperator<String> environment) {
        SettingReader reader = SettingReader.settings(controller, OpcuaDriverFactory.NAME, KEYS);
        String endpoint = reader.required("endpoint");
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw reader.bad("endpoint", "must be an opc.tcp URL such as opc.tcp://10.0.0.5:4840/path");
        }
        if (port(endpoint) < 1 || port(endpoint) > 65535) throw reader.bad("endpoint", "has a port outside 1 to 65535");
        SecurityPolicyChoice policy = reader.choice("securityPolicy", SecurityPolicyChoice.NONE, SecurityPolicyChoice.class);
        SecurityModeChoice defaultMode = policy.secured() ? SecurityModeChoice.SIGNANDENCRYPT : SecurityModeChoice.NONE;
        SecurityModeChoice mode = reader.choice("securityMode", defaultMode, SecurityModeChoice.class);
        if (policy.secured() == (mode == SecurityModeChoice.NONE)) {
            throw reader.bad("securityMode", policy.secured()
                    ? "must be sign or signandencrypt with securityPolicy " + SettingReader.label(policy)
                    : "must be none with securityPolicy none (choose a securityPolicy to sign or encrypt)");
        }
        String username = reader.text("username", "");
        String password = password(reader, environment);
        if (username.isEmpty() && !password.isEmpty()) throw reader.bad("password", "needs a username");
        Duration publishing = reader.duration("publishingInterval", Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMinutes(10));
        Duration sampling = reader.duration("samplingInterval", Duration.ofMillis(500), Duration.ZERO, Duration.ofMinutes(10));
        Path pkiDir = pkiDir(reader, controller.name());
        Optional<String> trust = reader.optional("trustServer");
        LinkSettings link = LinkSettings.read(reader);
        trust.ifPresent(value -> ServerTrust.check(value, reader));
        return new OpcuaSettings(endpoint, policy, mode, username, password, publishing, sampling, pkiDir, trust, link);
    }

    private static String password(SettingReader reader, UnaryOperator<String> environment) {
        if (reader.has("password") && reader.has("passwordEnv")) {
            throw reader.bad("passwordEnv", "cannot be combined with password (give one of them)");
        }
        Optional<String> variable = reader.optional("passwordEnv");
        if (variable.isEmpty()) return reader.text("password", "");
        String value = environment.apply(variable.get());
        if (value == null) throw reader.bad("passwordEnv", "names an environment variable that is not set");
        return value;
    }

    private static Path pkiDir(SettingReader reader, String controller) {
        Optional<String> configured = reader.optional("pkiDir");
        try {
            return configured.map(Path::of).orElseGet(() ->
                    Path.of(System.getProperty("java.io.tmpdir"), "vakt-opcua-pki", controller));
        } catch (InvalidPathException e) {
            throw reader.bad("pkiDir", "is not a valid folder path");
        }
    }

    /** The endpoint's host as written (brackets removed from IPv6 literals). */
    public String host() {
        String rest = endpoint.substring("opc.tcp://".length());
        if (rest.startsWith("[")) return rest.substring(1, rest.indexOf(']'));
        int end = rest.length();
        for (char stop : new char[] {':', '/'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) end = at;
        }
        return rest.substring(0, end);
    }

    /** The endpoint's port; 4840 (the OPC UA default) when it names none. */
    public int port() { return port(endpoint); }

    private static int port(String endpoint) {
        String rest = endpoint.substring("opc.tcp://".length());
        int hostEnd = rest.startsWith("[") ? rest.indexOf(']') + 1 : 0;
        int slash = rest.indexOf('/', hostEnd);
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int colon = authority.indexOf(':', hostEnd);
        if (colon < 0) return 4840;
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether sessions log in with a user name rather than anonymously. */
    public boolean hasUser() { return !username.isEmpty(); }

    /** How the log names the peer, e.g. {@code opc.tcp://10.0.0.5:4840 basic256sha256/signandencrypt}. */
    public String peer() {
        return endpoint + (policy.secured() ? " " + SettingReader.label(policy) + "/" + mode.name().toLowerCase(Locale.ROOT) : "");
    }

    @Override
    public String toString() {
        // never print the password
        return "OpcuaSettings[" + peer() + ", user=" + (hasUser() ? username : "anonymous") + "]";
    }
}
