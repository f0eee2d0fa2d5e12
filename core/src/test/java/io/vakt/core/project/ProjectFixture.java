package io.vakt.core.project;

import io.vakt.core.simulator.SimulatorDriverFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A small project in a temporary folder: account {@code Site}, controller {@code AHU1} with a read-only
 * {@code GT11}, a writable {@code GT11_SP} (14–26) and {@code QSystem.Sec}. Tests add or overwrite files.
 */
final class ProjectFixture {
    static final String AHU1 = """
            title: Air handling unit
            driver: simulator
            points:
              - address: GT11
                type: real
                unit: °C
              - address: GT11_SP
                type: real
                unit: °C
                writable: true
                min: 14
                max: 26
                initial: 18
              - address: QSystem.Sec
                type: integer
                sim: clock(second)
            """;

    final Path root;

    ProjectFixture(Path root) {
        this.root = root;
        file("project.yaml", "account: Site\ntitle: Test site\n");
        file("controllers/AHU1.yaml", AHU1);
        dir("areas");
    }

    ProjectFixture file(String relative, String text) {
        return bytes(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    ProjectFixture bytes(String relative, byte[] content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProjectFixture dir(String relative) {
        try {
            Files.createDirectories(root.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProjectFixture delete(String relative) {
        try {
            Files.delete(root.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadedProject load() {
        return new ProjectLoader(Map.of("simulator", new SimulatorDriverFactory())).load(root);
    }

    /** Loads, expecting failure, and returns the combined message. */
    String errors() {
        assertThatThrownBy(this::load).isInstanceOf(ProjectLoadException.class);
        return catchThrowableOfType(ProjectLoadException.class, this::load).getMessage();
    }
}
