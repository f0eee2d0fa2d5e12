package io.vakt.server.cli;

import io.vakt.server.config.ConfigException;
import io.vakt.server.config.VaktConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code serve}'s arguments as far as the configuration; starting the server is the assembly's to test. */
class ServeCommandTest {
    @TempDir
    Path work;

    @Test
    void withoutArgumentsServesTheDemoBuildingWithTheDefaults() {
        VaktConfig config = parse(Map.of());
        assertThat(config.listener()).isEqualTo(VaktConfig.defaults().listener());
        assertThat(config.project()).isNull();
        assertThat(config.dataDir()).isEqualTo(work.resolve("data"));
    }

    @Test
    void flagsSetHostPortDataAndProject() {
        VaktConfig config = parse(Map.of(), "--host", "127.0.0.1", "--port", "9000", "--data", "var", "--project", "plant");
        assertThat(config.listener().host()).isEqualTo("127.0.0.1");
        assertThat(config.listener().port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(work.resolve("var"));
        assertThat(config.project()).isEqualTo(work.resolve("plant"));
    }

    @Test
    void setReachesEveryKeyAndDriverOverrides() {
        VaktConfig config = parse(Map.of(), "--set", "tokens.accessLifetime=5m",
                "--set", "drivers.simulator.interval=250ms");
        assertThat(config.tokens().accessLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.driverOverrides()).isEqualTo(Map.of("simulator", Map.of("interval", "250ms")));
    }

    @Test
    void flagsWinOverTheFileAndTheEnvironment() throws IOException {
        Files.writeString(work.resolve("vakt.yaml"), "server:\n  port: 1000\n  host: 10.0.0.1\n");
        VaktConfig config = parse(Map.of("VAKT_PORT", "2000"), "--config", "vakt.yaml", "--port", "3000");
        assertThat(config.listener().port()).isEqualTo(3000);
        assertThat(config.listener().host()).isEqualTo("10.0.0.1");
    }

    @Test
    void refusesABadPortNamingTheOption() {
        assertThatThrownBy(() -> parse(Map.of(), "--port", "http")).isInstanceOf(ConfigException.class)
                .hasMessage("option --port: \"http\" is not a port number");
    }

    @Test
    void refusesABadSetNamingTheKey() {
        assertThatThrownBy(() -> parse(Map.of(), "--set", "tokens.accessLifetime=long")).isInstanceOf(ConfigException.class)
                .hasMessage("option --set tokens.accessLifetime: \"long\" is not a duration (use 500ms, 25s, 10m, 2h, 60d)");
    }

    @Test
    void setWithoutEqualsSignIsAUsageError() {
        CliRun run = CliRun.run(work, Map.of(), "", "serve", "--set", "server.port");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    private VaktConfig parse(Map<String, String> env, String... args) {
        ServeCommand serve = new ServeCommand(new CliContext(env, work, new ByteArrayInputStream(new byte[0]), null));
        new CommandLine(serve).parseArgs(args);
        return serve.config();
    }
}
