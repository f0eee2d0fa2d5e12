package io.vakt.core.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per rule of controllers/<Name>.yaml. */
class ControllerValidationTest {
    @TempDir
    Path root;

    private String errorsOf(String controllerYaml) {
        return new ProjectFixture(root).file("controllers/AHU2.yaml", controllerYaml).errors();
    }

    @Test
    void readsPointsWithOptionsAndSettingLines() {
        LoadedProject loaded = new ProjectFixture(root).file("controllers/AHU2.yaml", """
                title: Second unit
                driver: Simulator
                settings:
                  interval: 250ms
                points:
                  - address: DigOut(7)
                    type: digital
                    writable: Yes
                    description: Relay 7
                    sim: toggle(period=10s)
                    initial: 1
                """).load();
        var controller = loaded.project().controller("ahu2").orElseThrow();

        assertThat(controller.title()).isEqualTo("Second unit");
        assertThat(controller.driver()).isEqualTo("simulator");
        assertThat(controller.settings()).containsEntry("interval", "250ms");
        assertThat(controller.settingSource("interval").toString()).isEqualTo("controllers/AHU2.yaml:4");
        var point = controller.point("digout(7)").orElseThrow();
        assertThat(point.writable()).isTrue();
        assertThat(point.options()).containsEntry("sim", "toggle(period=10s)").containsEntry("initial", "1");
        assertThat(point.source().toString()).isEqualTo("controllers/AHU2.yaml:6");
    }

    @Test
    void rejectsAFileNameThatIsNoTechnicalName() {
        assertThat(new ProjectFixture(root).file("controllers/AHU 2.yaml", "driver: simulator\n").errors())
                .contains("controllers/AHU 2.yaml: \"AHU 2\" is not a valid controller name");
    }

    @Test
    void rejectsControllersWhoseNamesDifferOnlyInCase() {
        assertThat(new ProjectFixture(root).file("controllers/ahu1.yaml", ProjectFixture.AHU1).errors())
                .contains("controllers/ahu1.yaml: \"ahu1\" clashes with \"AHU1\" (controllers/AHU1.yaml)");
    }

    @Test
    void rejectsAMissingDriver() {
        assertThat(errorsOf("title: x\npoints: []\n")).contains("controllers/AHU2.yaml:1: missing required key \"driver\"");
    }

    @Test
    void rejectsAnUnknownDriverListingTheKnownOnes() {
        assertThat(errorsOf("title: x\ndriver: modbus\npoints: []\n"))
                .contains("controllers/AHU2.yaml:2: unknown driver \"modbus\" (known drivers: simulator)");
    }

    @Test
    void rejectsPointsThatAreNoList() {
        assertThat(errorsOf("driver: simulator\npoints:\n  GT11: real\n"))
                .contains("controllers/AHU2.yaml:3: \"points\" must be a list (entries starting with \"- \"), not a map");
    }

    @Test
    void rejectsAPointWithoutAddress() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - type: real\n"))
                .contains("controllers/AHU2.yaml:3: missing required key \"address\"");
    }

    @Test
    void rejectsABadPointAddress() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT 11\n    type: real\n"))
                .contains("controllers/AHU2.yaml:3: bad point address \"GT 11\"");
    }

    @Test
    void rejectsAnUnknownType() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT11\n    type: reel\n"))
                .contains("controllers/AHU2.yaml:4: unknown type \"reel\" (did you mean \"real\"?)");
    }

    @Test
    void rejectsDuplicatePointsIgnoringCase() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT11\n    type: real\n  - address: gt11\n    type: real\n"))
                .contains("controllers/AHU2.yaml:5: duplicate point \"gt11\" (first at line 3)");
    }

    @Test
    void rejectsWritableThatIsNoYesOrNo() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT11\n    type: real\n    writable: maybe\n"))
                .contains("controllers/AHU2.yaml:5: \"writable\" must be Yes or No (or true/false), not \"maybe\"");
    }

    @Test
    void rejectsARangeBoundThatIsNoNumber() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT11\n    type: real\n    min: low\n"))
                .contains("controllers/AHU2.yaml:5: \"min\" must be a number, not \"low\"");
    }

    @Test
    void rejectsMinAboveMax() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT11\n    type: real\n    min: 30\n    max: 10\n"))
                .contains("controllers/AHU2.yaml:5: min 30.0 is above max 10.0");
    }

    @Test
    void rejectsARangeOnAStringPoint() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: NAME\n    type: string\n    max: 10\n"))
                .contains("controllers/AHU2.yaml:5: min and max apply to numeric points only");
    }

    @Test
    void rejectsNearMissesOfPointKeys() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT11\n    type: real\n    writeable: true\n"))
                .contains("controllers/AHU2.yaml:5: unknown key \"writeable\" (did you mean \"writable\"?)");
    }

    @Test
    void rejectsOptionsThatAreNoSingleValue() {
        assertThat(errorsOf("driver: simulator\npoints:\n  - address: GT11\n    type: real\n    register: [1, 2]\n"))
                .contains("controllers/AHU2.yaml:5: option \"register\" must be a single value, not a list");
    }

    @Test
    void rejectsSettingsThatAreNoSingleValue() {
        assertThat(errorsOf("driver: simulator\nsettings:\n  interval: {every: 1s}\npoints: []\n"))
                .contains("controllers/AHU2.yaml:3: setting \"interval\" must be a single value, not a map");
    }

    @Test
    void reportsTheDriversOwnValidationOfPointOptions() {
        assertThat(errorsOf("""
                driver: simulator
                points:
                  - address: GT11
                    type: real
                    sim: "drift(target=GT99)"
                """)).contains("controllers/AHU2.yaml:3: point GT11: sim \"drift(target=GT99)\": no point \"GT99\" in controller AHU2");
    }

    @Test
    void reportsTheDriversOwnValidationOfSettingsAtTheSettingsLine() {
        assertThat(errorsOf("driver: simulator\nsettings:\n  interval: fast\npoints: []\n"))
                .contains("controllers/AHU2.yaml:3: setting interval \"fast\" must be a duration");
    }

    @Test
    void warnsAboutAControllerWithoutPoints() {
        LoadedProject loaded = new ProjectFixture(root).file("controllers/AHU2.yaml", "driver: simulator\n").load();
        assertThat(loaded.warnings()).containsExactly("controllers/AHU2.yaml:1: controller AHU2 has no points");
    }

    @Test
    void warnsAboutFilesThatAreNoControllers() {
        LoadedProject loaded = new ProjectFixture(root).file("controllers/AHU2.yml", "driver: simulator\n").load();
        assertThat(loaded.warnings()).containsExactly(
                "controllers/AHU2.yml: ignored: controllers/ holds one <Name>.yaml file per controller");
    }

    @Test
    void reportsADriverThatRejectsAControllerWithoutNamingALine() {
        io.vakt.core.driver.DriverFactory picky = new io.vakt.core.driver.DriverFactory() {
            @Override
            public String name() { return "picky"; }

            @Override
            public void validate(io.vakt.core.model.Controller controller) {
                throw new IllegalArgumentException("needs a host");
            }

            @Override
            public io.vakt.core.driver.Driver create(io.vakt.core.driver.DriverContext context) {
                throw new UnsupportedOperationException();
            }
        };
        new ProjectFixture(root).file("controllers/AHU2.yaml", "driver: picky\npoints: []\n");
        ProjectLoader loader = new ProjectLoader(java.util.Map.of("picky", picky,
                "simulator", new io.vakt.core.simulator.SimulatorDriverFactory()));
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ProjectLoadException.class, () -> loader.load(root))
                .getMessage()).contains("controllers/AHU2.yaml:1: driver \"picky\" rejected the controller: needs a host");
    }
}
