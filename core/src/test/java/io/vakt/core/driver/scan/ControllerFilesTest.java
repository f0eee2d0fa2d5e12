package io.vakt.core.driver.scan;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Controller;
import io.vakt.core.model.PointType;
import io.vakt.core.project.ProjectLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerFilesTest {
    /** Accepts any settings: the test is about the file format, not a driver's rules. */
    private static final DriverFactory ANY = new DriverFactory() {
        @Override
        public String name() { return "modbus"; }

        @Override
        public Driver create(DriverContext context) { throw new UnsupportedOperationException(); }

        @Override
        public java.util.Set<String> pointOptionKeys() { return java.util.Set.of("register", "unitId"); }
    };

    @Test
    void writtenFileLoadsBackWithEveryPointSettingAndOption(@TempDir Path project) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", "5020");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("register", "holding:100");
        options.put("unitId", "3");
        ScannedController scanned = new ScannedController("Unit3", "Gateway \"A\": unit #3", "modbus", settings, List.of(
                new ScannedPoint("HR100", PointType.INTEGER, "°C", true, options, "yes: a *tricky* text", "215"),
                new ScannedPoint("CO0", PointType.DIGITAL, "", false, Map.of("register", "coil:0"), "", "1")));
        String yaml = ControllerFiles.yaml(scanned, "vakt scan modbus 127.0.0.1:5020", Instant.parse("2026-11-22T10:00:00Z"));

        Files.writeString(project.resolve("project.yaml"), "account: Scan\n");
        Files.createDirectories(project.resolve("controllers"));
        Files.writeString(project.resolve("controllers/Unit3.yaml"), yaml);
        Controller loaded = new ProjectLoader(Map.of("modbus", ANY)).load(project).project().controllers().getFirst();

        assertThat(loaded.title()).isEqualTo("Gateway \"A\": unit #3");
        assertThat(loaded.settings()).containsExactlyInAnyOrderEntriesOf(settings);
        assertThat(loaded.points()).hasSize(2);
        assertThat(loaded.points().get(0).address()).isEqualTo("HR100");
        assertThat(loaded.points().get(0).unit()).isEqualTo("°C");
        assertThat(loaded.points().get(0).writable()).isTrue();
        assertThat(loaded.points().get(0).description()).isEqualTo("yes: a *tricky* text");
        assertThat(loaded.points().get(0).options()).containsExactlyInAnyOrderEntriesOf(options);
        assertThat(loaded.points().get(1).type()).isEqualTo(PointType.DIGITAL);
        assertThat(loaded.points().get(1).writable()).isFalse();
        assertThat(yaml).startsWith("# vakt scan modbus 127.0.0.1:5020\n");
    }

    @Test
    void technicalNamesKeepOnlyWhatControllerNamesAllow() {
        assertThat(ControllerFiles.technicalName("AHU 1 / floor 2")).isEqualTo("AHU_1_floor_2");
        assertThat(ControllerFiles.technicalName("Device.260001")).isEqualTo("Device_260001");
        assertThat(ControllerFiles.technicalName("***")).startsWith("Controller_");
    }
}
