package io.vakt.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code docs/configuration.md} must show the registry as it is, and its example must load. */
class ConfigDocsTest {
    // surefire runs in the module folder; the docs live at the top of the reactor
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void docListsEveryKeyExactlyAsTheRegistryRendersIt() throws IOException {
        String doc = Files.readString(DOC);
        String table = ConfigDocs.keyTable();
        assertThat(doc).as("docs/configuration.md is out of date; replace its key table with:%n%s", table)
                .contains(table);
    }

    @Test
    void tableHasARowPerKeyWithItsEnvironmentName() {
        String table = ConfigDocs.keyTable();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(table).contains("| `" + key.name() + "` | `" + key.envName() + "`");
        }
        assertThat(table).contains("`VAKT_SERVER_PORT`, `VAKT_PORT`").contains("| `tokens.accessLifetime` "
                + "| `VAKT_TOKENS_ACCESS_LIFETIME` | duration > 0 | `10m` |");
    }

    @Test
    void everyYamlExampleInTheDocLoads(@TempDir Path dir) throws IOException {
        Matcher example = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        Path file = dir.resolve("vakt.yaml");
        int examples = 0;
        while (example.find()) {
            Files.writeString(file, example.group(1));
            VaktConfig config = new ConfigLoader(Map.of(), dir).load(file, List.of());
            if (example.group(1).contains("drivers:")) assertThat(config.driverOverrides()).containsKey("simulator");
            examples++;
        }
        assertThat(examples).as("```yaml examples in the doc").isEqualTo(3);
    }
}
