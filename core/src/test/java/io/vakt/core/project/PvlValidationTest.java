package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per rule of <List>.pvl.yaml. */
class PvlValidationTest {
    static final String FILE = "areas/Landskrona/SystemAir.pvl.yaml";

    @TempDir
    Path root;

    private ProjectFixture withList(String yaml) { return new ProjectFixture(root).file(FILE, yaml); }

    @Test
    void readsEntriesWithDefaults() {
        PublishedVariableList list = withList("""
                Title: System air
                Variables:
                  - Name: Second
                    Variable: "*AHU1.QSystem.Sec"
                  - Name: Setpoint
                    Title: Supply setpoint
                    Variable: "ahu1.gt11_sp"
                    Writable: Yes
                    Unit: K
                  - Name: Header
                """).load().project().root().children().getFirst().lists().getFirst();

        assertThat(list.name()).isEqualTo("SystemAir");
        assertThat(list.title()).isEqualTo("System air");
        PublishedVariable second = list.variables().get(0);
        assertThat(second.title()).isEqualTo("Second");
        assertThat(second.binding().bound()).isTrue();
        assertThat(second.writable()).isFalse();
        assertThat(second.readAccess()).isEqualTo(AccessLevel.Guest);
        assertThat(second.writeAccess()).isEqualTo(AccessLevel.Operator);
        assertThat(second.visualFilter()).isEqualTo("1");
        PublishedVariable setpoint = list.variables().get(1);
        assertThat(setpoint.binding().bound()).as("no * means one-shot").isFalse();
        assertThat(setpoint.binding().address().toString()).as("the controller's spelling").isEqualTo("AHU1.GT11_SP");
        assertThat(setpoint.variable()).isEqualTo("ahu1.gt11_sp");
        assertThat(setpoint.unit()).isEqualTo("K");
        assertThat(list.variables().get(2).binding()).isNull();
        assertThat(list.advised()).hasSize(2);
    }

    @Test
    void unitDefaultsToThePointsUnit() {
        PublishedVariableList list = withList("Variables:\n  - Name: T\n    Variable: \"*AHU1.GT11\"\n")
                .load().project().root().children().getFirst().lists().getFirst();
        assertThat(list.variables().getFirst().unit()).isEqualTo("°C");
    }

    @Test
    void rejectsAnUnknownController() {
        assertThat(withList("Variables:\n  - Name: T\n    Variable: \"*AHU9.GT11\"\n").errors())
                .contains(FILE + ":3: unknown controller \"AHU9\" in Variable \"*AHU9.GT11\"");
    }

    @Test
    void rejectsAnUnknownPoint() {
        assertThat(withList("Variables:\n  - Name: T\n    Variable: \"*AHU1.GT99\"\n").errors())
                .contains(FILE + ":3: controller AHU1 has no point \"GT99\"");
    }

    @Test
    void rejectsAVariableThatIsNoTechnicalAddress() {
        assertThat(withList("Variables:\n  - Name: T\n    Variable: \"*AHU1\"\n").errors())
                .contains(FILE + ":3: bad Variable \"*AHU1\" (expected [*]Controller.Point, e.g. \"*AHU1.GT11\")");
    }

    @Test
    void rejectsWritableOnAPointThatIsNotWritable() {
        assertThat(withList("Variables:\n  - Name: T\n    Variable: \"*AHU1.GT11\"\n    Writable: Yes\n").errors())
                .contains(FILE + ":4: Writable: Yes, but point AHU1.GT11 is not writable");
    }

    @Test
    void rejectsWritableWithoutAVariable() {
        assertThat(withList("Variables:\n  - Name: T\n    Writable: Yes\n").errors())
                .contains(FILE + ":3: Writable: Yes needs a Variable to write to");
    }

    @Test
    void rejectsDuplicateNamesIgnoringCase() {
        assertThat(withList("Variables:\n  - Name: T\n  - Name: t\n").errors())
                .contains(FILE + ":3: duplicate Name \"t\" (first at line 2)");
    }

    @Test
    void rejectsAnEntryWithoutName() {
        assertThat(withList("Variables:\n  - Title: T\n").errors())
                .contains(FILE + ":2: missing required key \"Name\"");
    }

    @Test
    void rejectsMisspeltAttributes() {
        assertThat(withList("Variables:\n  - Name: T\n    Variable: \"*AHU1.GT11_SP\"\n    Writeable: Yes\n").errors())
                .contains(FILE + ":4: unknown key \"Writeable\" (did you mean \"Writable\"?)");
    }

    @Test
    void rejectsAnUnknownAccessLevel() {
        String yaml = """
                Title: SystemAir
                Description: ""
                Comment: ""
                Variables:
                  - Name: Second
                    Title: Second
                    Description: "Real time clock: Second (0-59)"
                    Unit: s
                    Variable: "*AHU1.QSystem.Sec"
                    Writable: No
                    WriteAccess: Operator
                    Comment: ""
                    VisualFilter: "1"
                    ReadAccess: Gust
                """;
        assertThat(withList(yaml).errors())
                .contains(FILE + ":14: unknown access level \"Gust\" (use None, Guest, Operator, Service, Admin)");
    }

    @Test
    void rejectsAWritableThatIsNoYesOrNo() {
        assertThat(withList("Variables:\n  - Name: T\n    Variable: \"*AHU1.GT11_SP\"\n    Writable: Ja\n").errors())
                .contains(FILE + ":4: \"Writable\" must be Yes or No (or true/false), not \"Ja\"");
    }

    @Test
    void warnsWhenReadAccessIsAboveWriteAccessOnAWritableEntry() {
        LoadedProject loaded = withList("""
                Variables:
                  - Name: T
                    Variable: "*AHU1.GT11_SP"
                    Writable: Yes
                    ReadAccess: Service
                    WriteAccess: Operator
                """).load();
        assertThat(loaded.warnings()).containsExactly(FILE + ":5: ReadAccess Service is above WriteAccess Operator"
                + " on \"T\": such an entry can never be used (spec §5.4)");
    }

    @Test
    void rejectsABlankName() {
        assertThat(withList("Variables:\n  - Name: \" \"\n").errors()).contains(FILE + ":2: Name must not be blank");
    }
}
