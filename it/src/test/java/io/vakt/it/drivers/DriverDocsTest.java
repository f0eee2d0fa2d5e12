package io.vakt.it.drivers;

import io.vakt.core.model.Controller;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.LoadedProject;
import io.vakt.core.project.ProjectLoadException;
import io.vakt.core.project.ProjectLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every controller file shown in docs/drivers.md loads: the project loader and each driver's own validation
 * accept it as written, so an engineer who copies an example starts from a file that works.
 */
class DriverDocsTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyControllerExampleInTheDriverGuideLoads(@TempDir Path project) throws IOException {
        String guide = Files.readString(docs().resolve("drivers.md"));
        List<String> examples = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(guide);
        while (matcher.find()) {
            if (matcher.group(1).lines().anyMatch(line -> line.startsWith("driver:"))) examples.add(matcher.group(1));
        }
        assertThat(examples).as("controller examples in docs/drivers.md").hasSizeGreaterThanOrEqualTo(5);
        Files.writeString(project.resolve("project.yaml"), "account: Docs\n");
        Files.createDirectories(project.resolve("controllers"));
        for (int i = 0; i < examples.size(); i++) {
            Files.writeString(project.resolve("controllers").resolve("Example" + (i + 1) + ".yaml"), examples.get(i));
        }
        try {
            LoadedProject loaded = new ProjectLoader(DriverFactories.discover()).load(project);
            List<String> drivers = loaded.project().controllers().stream().map(Controller::driver).distinct().toList();
            assertThat(drivers).contains("modbus", "mqtt", "bacnet", "opcua");
            assertThat(loaded.project().controllers()).hasSize(examples.size());
        } catch (ProjectLoadException e) {
            // the examples name a CA file and an environment variable of the reader's site: only those may be missing
            assertThat(e.problems()).extracting(Throwable::getMessage).allSatisfy(problem -> assertThat(problem)
                    .containsAnyOf("is no readable file", "names an environment variable that is not set"));
        }
    }

    /** docs/, found from the module folder Maven runs tests in (or the repository root). */
    static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("drivers.md");
            if (Files.isRegularFile(candidate)) return candidate.getParent();
        }
        throw new AssertionError("docs/drivers.md not found above " + Path.of("").toAbsolutePath());
    }
}
