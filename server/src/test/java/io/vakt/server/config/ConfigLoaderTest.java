package io.vakt.server.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {
    @TempDir
    Path temp;
    Path workDir;
    Path site;

    @BeforeEach
    void folders() throws IOException {
        workDir = Files.createDirectories(temp.resolve("work"));
        site = Files.createDirectories(temp.resolve("site"));
    }

    // --- sources and precedence

    @Test
    void usesTheBuiltInDefaultsWhenNothingIsGiven() {
        VaktConfig config = load(Map.of(), null);
        VaktConfig defaults = VaktConfig.defaults();
        assertThat(config.listener()).isEqualTo(defaults.listener());
        assertThat(config.tokens()).isEqualTo(defaults.tokens());
        assertThat(config.liveValues()).isEqualTo(defaults.liveValues());
        assertThat(config.graphqlWs()).isEqualTo(defaults.graphqlWs());
        assertThat(config.dataDir()).isEqualTo(workDir.resolve("data"));
        assertThat(config.project()).isNull();
        assertThat(config.metrics().scrapeToken()).isNull();
        assertThat(config.driverOverrides()).isEmpty();
    }

    @Test
    void fileOverridesDefaultsInNestedAndDottedForm() throws IOException {
        Path file = yaml("""
                server:
                  host: 127.0.0.1
                  port: 9000
                tokens.accessLifetime: 5m
                liveValues:
                  maxUpdatesPerSecond: 2.5
                webSocket:
                  compression: true
                graphql:
                  maxQueryDepth: 12
                writes:
                  readBackAttempts: 0
                metrics:
                  scrapeToken: s3cret
                """);
        VaktConfig config = load(Map.of(), file);
        assertThat(config.listener().host()).isEqualTo("127.0.0.1");
        assertThat(config.listener().port()).isEqualTo(9000);
        assertThat(config.tokens().accessLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.tokens().refreshLifetime()).isEqualTo(Duration.ofDays(60));
        assertThat(config.liveValues().maxUpdatesPerSecond()).isEqualTo(2.5);
        assertThat(config.webSocket().compression()).isTrue();
        assertThat(config.graphql().maxQueryDepth()).isEqualTo(12);
        assertThat(config.writes().readBackAttempts()).isZero();
        assertThat(config.metrics().scrapeToken()).isEqualTo("s3cret");
    }

    @Test
    void ssfLimitsAndFetchHostsFromTheFileAndTheEnvironment() throws IOException {
        Path file = yaml("""
                ssf:
                  cpuTimeLimit: 2s
                  maxAllocation: 1GiB
                  contexts: 6
                  fetch:
                    allowedHosts: [api.example.com, "10.0.0.5:8080"]
                """);
        VaktConfig config = load(Map.of(), file);
        assertThat(config.ssf().runtime().cpuTimeLimit()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(config.ssf().runtime().allocationLimitBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(config.ssf().runtime().contexts()).isEqualTo(6);
        assertThat(config.ssf().runtime().fetch().allowedHosts()).containsExactly("api.example.com", "10.0.0.5:8080");

        VaktConfig fromEnv = load(Map.of("VAKT_SSF_FETCH_ALLOWED_HOSTS", "Intranet.Local, 127.0.0.1:9000"), null);
        assertThat(fromEnv.ssf().runtime().fetch().allowedHosts()).containsExactly("intranet.local", "127.0.0.1:9000");
        assertThat(load(Map.of(), null).ssf().runtime().fetch().enabled()).as("fetch is off by default").isFalse();
        assertThatThrownBy(() -> load(Map.of("VAKT_SSF_FETCH_ALLOWED_HOSTS", "https://api.example.com/x"), null))
                .hasMessageContaining("is a URL; give only the host");
    }

    @Test
    void tlsProxyAndFallbackSettingsFromTheFileAndTheEnvironment() throws IOException {
        Path file = yaml("""
                tls:
                  certificate: certs/chain.pem
                  key: certs/key.pem
                  redirectPort: 8081
                  hsts: 180d
                proxy:
                  trusted: [10.0.0.0/8, "192.168.1.7", "::1"]
                webSocket:
                  allowedOrigins: [https://Dash.Example.com, "http://10.0.0.5:3000/"]
                fallback:
                  longPollWait: 15s
                """);
        VaktConfig config = load(Map.of(), file);
        assertThat(config.tls().enabled()).isTrue();
        assertThat(config.tls().certificate()).as("relative to the file").isEqualTo(workDir.resolve("certs/chain.pem"));
        assertThat(config.tls().redirectPort()).isEqualTo(8081);
        assertThat(config.tls().hsts()).isEqualTo(Duration.ofDays(180));
        assertThat(config.proxy().trusted()).extracting(Object::toString).containsExactly("10.0.0.0/8", "192.168.1.7", "::1");
        assertThat(config.proxy().allowedOrigins()).containsExactly("https://dash.example.com", "http://10.0.0.5:3000");
        assertThat(config.fallback().longPollWait()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.fallback().enabled()).isTrue();

        VaktConfig defaults = load(Map.of(), null);
        assertThat(defaults.tls().enabled()).as("plain HTTP by default").isFalse();
        assertThat(defaults.proxy().trusted()).extracting(Object::toString).containsExactly("127.0.0.1", "::1");
        assertThat(load(Map.of(), yaml("proxy: {trusted: []}")).proxy().trusted()).as("an empty list trusts nobody").isEmpty();
        assertThatThrownBy(() -> load(Map.of("VAKT_PROXY_TRUSTED", "proxy.lan"), null))
                .hasMessageContaining("\"proxy.lan\" is not an IP address or range");
        assertThatThrownBy(() -> load(Map.of("VAKT_WEB_SOCKET_ALLOWED_ORIGINS", "https://a.example.com/app"), null))
                .hasMessageContaining("is not a web origin; write scheme://host[:port]");
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
        Path file = yaml("""
                server:
                  port: 1000
                  host: 10.0.0.1
                tokens:
                  accessLifetime: 1m
                """);
        Map<String, String> env = Map.of("VAKT_SERVER_PORT", "2000", "VAKT_TOKENS_ACCESS_LIFETIME", "2m");

        VaktConfig fileOnly = load(Map.of(), file);
        VaktConfig withEnv = load(env, file);
        VaktConfig withFlag = load(env, file, new FlagValue("--port", "server.port", "3000"));

        assertThat(fileOnly.listener().port()).isEqualTo(1000);
        assertThat(withEnv.listener().port()).isEqualTo(2000);
        assertThat(withEnv.tokens().accessLifetime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(withEnv.listener().host()).isEqualTo("10.0.0.1");
        assertThat(withFlag.listener().port()).isEqualTo(3000);
        assertThat(withFlag.tokens().accessLifetime()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void laterFlagsWinOverEarlierOnes() {
        VaktConfig config = load(Map.of(), null, new FlagValue("--port", "server.port", "3000"),
                new FlagValue("--set server.port", "server.port", "4000"));
        assertThat(config.listener().port()).isEqualTo(4000);
    }

    @Test
    void vaktConfigNamesTheFileWhenNoFlagDoes() throws IOException {
        siteYaml("server.port: 1234\n");
        VaktConfig config = load(Map.of("VAKT_CONFIG", "../site/vakt.yaml"), null);
        assertThat(config.listener().port()).isEqualTo(1234);
    }

    @Test
    void configFlagWinsOverVaktConfig() throws IOException {
        Path file = yaml("server.port: 1234\n");
        VaktConfig config = load(Map.of("VAKT_CONFIG", "/does/not/exist.yaml"), file);
        assertThat(config.listener().port()).isEqualTo(1234);
    }

    @Test
    void shortAliasesSetTheirKeys() {
        VaktConfig config = load(Map.of("VAKT_HOST", "127.0.0.1", "VAKT_PORT", "81", "VAKT_DATA", "/srv/vakt",
                "VAKT_PROJECT", "/srv/site"), null);
        assertThat(config.listener().host()).isEqualTo("127.0.0.1");
        assertThat(config.listener().port()).isEqualTo(81);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/vakt"));
        assertThat(config.project()).isEqualTo(Path.of("/srv/site"));
    }

    @Test
    void fullEnvironmentNameWinsOverItsAlias() {
        VaktConfig config = load(Map.of("VAKT_PORT", "81", "VAKT_SERVER_PORT", "82"), null);
        assertThat(config.listener().port()).isEqualTo(82);
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        VaktConfig config = load(Map.of("VAKT_PORT", "", "VAKT_SERVER_HOST", " ", "VAKT_CONFIG", ""), null);
        assertThat(config.listener()).isEqualTo(VaktConfig.defaults().listener());
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        VaktConfig config = load(Map.of("PATH", "/bin", "VAKT_ADMIN_PASSWORD", "x", "VAKT_LOG_LEVEL", "DEBUG"), null);
        assertThat(config.listener()).isEqualTo(VaktConfig.defaults().listener());
    }

    // --- paths

    @Test
    void relativePathsFromTheFileResolveAgainstTheFilesFolder() throws IOException {
        Path file = siteYaml("""
                data: store
                project: ../projects/plant
                """);
        VaktConfig config = load(Map.of(), file);
        assertThat(config.dataDir()).isEqualTo(site.resolve("store"));
        assertThat(config.project()).isEqualTo(temp.resolve("projects/plant"));
    }

    @Test
    void relativePathsFromEnvironmentAndFlagsResolveAgainstTheWorkingDirectory() {
        VaktConfig config = load(Map.of("VAKT_DATA", "var/data"), null,
                new FlagValue("--project", "project", "plant"));
        assertThat(config.dataDir()).isEqualTo(workDir.resolve("var/data"));
        assertThat(config.project()).isEqualTo(workDir.resolve("plant"));
    }

    @Test
    void absolutePathsStayAsTheyAre() throws IOException {
        Path file = yaml("data: " + temp.resolve("elsewhere") + "\n");
        assertThat(load(Map.of(), file).dataDir()).isEqualTo(temp.resolve("elsewhere"));
    }

    @Test
    void emptyProjectInTheFileMeansTheEmbeddedDemo() throws IOException {
        Path file = yaml("project:\n");
        assertThat(load(Map.of(), file).project()).isNull();
    }

    // --- driver overrides

    @Test
    void driverOverridesComeFromEverySourceAndMergePerSetting() throws IOException {
        Path file = yaml("""
                drivers:
                  Simulator:
                    interval: 250ms
                    timeScale: 10
                  modbus.timeout: 2s
                """);
        VaktConfig config = load(Map.of("VAKT_DRIVERS_SIMULATOR_UNREACHABLE_CHANCE", "0", "VAKT_DRIVERS_SIMULATOR_TIME_SCALE", "5"),
                file, new FlagValue("--set drivers.simulator.interval", "drivers.simulator.interval", "1s"));
        assertThat(config.driverOverrides()).isEqualTo(Map.of(
                "simulator", Map.of("interval", "1s", "timeScale", "5", "unreachableChance", "0"),
                "modbus", Map.of("timeout", "2s")));
    }

    @Test
    void refusesADriverKeyWithoutDriverAndSetting() throws IOException {
        Path file = yaml("drivers:\n  simulator: 250ms\n");
        assertThat(problems(Map.of(), file)).containsExactly("vakt.yaml line 2: \"drivers.simulator\" must have the form"
                + " drivers.<driver>.<setting>, e.g. drivers.simulator.interval: 250ms");
    }

    @Test
    void refusesADriverEnvironmentVariableWithoutSetting() {
        assertThat(problems(Map.of("VAKT_DRIVERS_SIMULATOR", "x"), null)).containsExactly(
                "environment VAKT_DRIVERS_SIMULATOR: name a driver and a setting, e.g. VAKT_DRIVERS_SIMULATOR_INTERVAL");
    }

    @Test
    void refusesAnEmptyDriverOverride() throws IOException {
        Path file = yaml("drivers.simulator.interval:\n");
        assertThat(problems(Map.of(), file)).containsExactly("vakt.yaml line 1: drivers.simulator.interval: has no value");
    }

    // --- errors: the file

    @Test
    void refusesAnUnknownKeyNamingTheLineAndTheLikelyKey() throws IOException {
        Path file = yaml("""
                tokens:
                  acessLifetime: 5m
                """);
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 2: unknown key \"tokens.acessLifetime\" (did you mean \"tokens.accessLifetime\"?)");
    }

    @Test
    void suggestsTheSectionOfAKeyWrittenAtTheTopLevel() throws IOException {
        Path file = yaml("port: 80\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: unknown key \"port\" (did you mean \"server.port\"?)");
    }

    @Test
    void refusesAValueForASection() throws IOException {
        Path file = yaml("tokens: 10m\n");
        assertThat(problems(Map.of(), file)).containsExactly("vakt.yaml line 1: \"tokens\" is a section, not a value;"
                + " set its keys: tokens.accessLifetime, tokens.refreshLifetime");
    }

    @Test
    void refusesAWrongTypeNamingFileLineAndKey() throws IOException {
        Path file = yaml("""
                # Vakt at the plant
                server:
                  port: 8080
                tokens.accessLifetime: 10x
                """);
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 4: tokens.accessLifetime: \"10x\" is not a duration (use 500ms, 25s, 10m, 2h, 60d)");
    }

    @Test
    void refusesANegativeDuration() throws IOException {
        Path file = yaml("login.maxDelay: -5s\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: login.maxDelay: \"-5s\" is a negative duration; use 0 or more");
    }

    @Test
    void refusesZeroWhereADurationMustBePositive() throws IOException {
        Path file = yaml("tokens.refreshLifetime: 0s\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: tokens.refreshLifetime: \"0s\" must be longer than 0");
    }

    @Test
    void refusesAPortOutOfRange() throws IOException {
        Path file = yaml("server.port: 70000\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: server.port: \"70000\" is not a port number (0 to 65535; 0 picks a free port)");
    }

    @Test
    void refusesAWordWhereTrueOrFalseBelongs() throws IOException {
        Path file = yaml("webSocket.compression: yes\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: webSocket.compression: \"yes\" is not true or false");
    }

    @Test
    void refusesAFractionWhereAWholeNumberBelongs() throws IOException {
        Path file = yaml("graphql.maxQueryDepth: 1.5\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: graphql.maxQueryDepth: \"1.5\" is not a whole number");
    }

    @Test
    void refusesACountBelowItsMinimum() throws IOException {
        Path file = yaml("server.eventLoops: 0\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: server.eventLoops: \"0\" is too small; use 1 or more");
    }

    @Test
    void refusesANegativeRate() throws IOException {
        Path file = yaml("liveValues.maxUpdatesPerSecond: -1\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: liveValues.maxUpdatesPerSecond: \"-1\" is not a number of 0 or more");
    }

    @Test
    void refusesTextWhereANumberBelongs() throws IOException {
        Path file = yaml("liveValues.maxUpdatesPerSecond: fast\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: liveValues.maxUpdatesPerSecond: \"fast\" is not a number");
    }

    @Test
    void refusesAnEmptyValueForAKeyThatNeedsOne() throws IOException {
        Path file = yaml("server:\n  host:\n");
        assertThat(problems(Map.of(), file)).containsExactly("vakt.yaml line 2: server.host: has no value");
    }

    @Test
    void refusesEmptyText() throws IOException {
        Path file = yaml("server.host: \"\"\n");
        assertThat(problems(Map.of(), file)).containsExactly("vakt.yaml line 1: server.host: is empty");
    }

    @Test
    void refusesAnInvalidPath() {
        assertThat(problems(Map.of("VAKT_DATA", "da\u0000ta"), null)).singleElement().asString()
                .startsWith("environment VAKT_DATA: \"da?ta\" is not a valid path (");
    }

    @Test
    void refusesNestingDeeperThanAnySetting() throws IOException {
        Path file = yaml("a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g:\n       h:\n        i: 1\n");
        assertThat(problems(Map.of(), file)).containsExactly("vakt.yaml line 8: a.b.c.d.e.f.g.h: nested deeper than 8 levels");
    }

    @Test
    void refusesAList() throws IOException {
        Path file = yaml("server:\n  host: [a, b]\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 2: server.host: must be a single value, not a list");
    }

    @Test
    void refusesAKeySetTwice() throws IOException {
        Path file = yaml("""
                server:
                  port: 1
                server.port: 2
                """);
        assertThat(problems(Map.of(), file)).containsExactly("vakt.yaml line 3: server.port is set twice (first at line 2)");
    }

    @Test
    void refusesAFileThatIsNotAMap() throws IOException {
        Path file = yaml("- server\n");
        assertThat(problems(Map.of(), file)).containsExactly(
                "vakt.yaml line 1: the file must be a map of keys (like \"server:\"), not a single value or list");
    }

    @Test
    void reportsAYamlSyntaxErrorWithItsLine() throws IOException {
        Path file = yaml("server:\n  port: 1\n bad: [\n");
        List<String> problems = problems(Map.of(), file);
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst()).startsWith("vakt.yaml line ").contains("YAML syntax error: ");
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        Files.write(workDir.resolve("vakt.yaml"), new byte[] {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28});
        assertThat(problems(Map.of(), Path.of("vakt.yaml"))).containsExactly(
                "option --config: config file " + workDir.resolve("vakt.yaml") + " is not UTF-8 text");
    }

    @Test
    void anEmptyFileChangesNothing() throws IOException {
        Path file = yaml("# nothing set yet\n");
        assertThat(load(Map.of(), file).listener()).isEqualTo(VaktConfig.defaults().listener());
    }

    // --- errors: where the file is

    @Test
    void refusesAMissingConfigFileNamingTheFlag() {
        assertThat(problems(Map.of(), Path.of("missing.yaml"))).containsExactly(
                "option --config: config file " + workDir.resolve("missing.yaml") + " does not exist");
    }

    @Test
    void refusesAMissingConfigFileNamingTheVariable() {
        assertThat(problems(Map.of("VAKT_CONFIG", "missing.yaml"), null)).containsExactly(
                "environment VAKT_CONFIG: config file " + workDir.resolve("missing.yaml") + " does not exist");
    }

    @Test
    void refusesAFolderAsConfigFile() {
        assertThat(problems(Map.of(), site)).containsExactly(
                "option --config: config file " + site + " is a folder, not a file");
    }

    // --- errors: environment and flags

    @Test
    void refusesAWrongTypeInTheEnvironmentNamingTheVariable() {
        assertThat(problems(Map.of("VAKT_PORT", "abc"), null)).containsExactly(
                "environment VAKT_PORT: \"abc\" is not a port number");
        assertThat(problems(Map.of("VAKT_TOKENS_ACCESS_LIFETIME", "10"), null)).containsExactly(
                "environment VAKT_TOKENS_ACCESS_LIFETIME: \"10\" is not a duration (use 500ms, 25s, 10m, 2h, 60d)");
    }

    @Test
    void refusesAWrongTypeOnTheCommandLineNamingTheOption() {
        assertThat(problems(Map.of(), null, new FlagValue("--port", "server.port", "abc"))).containsExactly(
                "option --port: \"abc\" is not a port number");
    }

    @Test
    void refusesAnUnknownKeyOnTheCommandLine() {
        assertThat(problems(Map.of(), null, new FlagValue("--set server.prot", "server.prot", "1"))).containsExactly(
                "option --set server.prot: unknown key \"server.prot\" (did you mean \"server.port\"?)");
    }

    @Test
    void reportsEveryProblemOfEverySourceAtOnce() throws IOException {
        Path file = yaml("""
                server.port: http
                tokens.refreshLifetime: forever
                """);
        assertThat(problems(Map.of("VAKT_LOGIN_WINDOW", "-1m"), file,
                new FlagValue("--data", "data", " "))).containsExactly(
                "vakt.yaml line 1: server.port: \"http\" is not a port number",
                "vakt.yaml line 2: tokens.refreshLifetime: \"forever\" is not a duration (use 500ms, 25s, 10m, 2h, 60d)",
                "environment VAKT_LOGIN_WINDOW: \"-1m\" is a negative duration; use 0 or more",
                "option --data: is empty");
    }

    // --- helpers

    /** Writes vakt.yaml into the working directory and names it as a user would: {@code --config vakt.yaml}. */
    private Path yaml(String text) throws IOException {
        Files.writeString(workDir.resolve("vakt.yaml"), text);
        return Path.of("vakt.yaml");
    }

    /** Writes vakt.yaml into another folder than the working directory and names it by its absolute path. */
    private Path siteYaml(String text) throws IOException {
        return Files.writeString(site.resolve("vakt.yaml"), text);
    }

    private VaktConfig load(Map<String, String> env, Path configFile, FlagValue... flags) {
        return new ConfigLoader(env, workDir).load(configFile, List.of(flags));
    }

    private List<String> problems(Map<String, String> env, Path configFile, FlagValue... flags) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> load(env, configFile, flags));
        assertThat(error).as("expected a ConfigException").isNotNull();
        assertThat(error.getMessage()).isEqualTo(String.join("\n", error.problems()));
        return error.problems();
    }
}
