package io.vakt.core.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules every YAML file of a project follows, shown on project.yaml, plus the project.yaml rules. */
class YamlFileValidationTest {
    @TempDir
    Path root;

    private ProjectFixture project() { return new ProjectFixture(root); }

    @Test
    void loadsAValidProjectWithoutWarnings() {
        LoadedProject loaded = project().file("areas/Plant/Main.pvl.yaml", "Variables: []\n").load();

        assertThat(loaded.project().account()).isEqualTo("Site");
        assertThat(loaded.project().title()).isEqualTo("Test site");
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.summary()).isEqualTo(
                "project Site: 1 area, 1 controller (3 points), 1 published list, 0 views, 0 ServerSideFunction blocks");
    }

    @Test
    void rejectsAFolderWithoutProjectYaml() {
        assertThat(project().delete("project.yaml").errors())
                .contains("project.yaml: missing: a project folder needs project.yaml with the account name");
    }

    @Test
    void rejectsAMissingAccount() {
        assertThat(project().file("project.yaml", "title: No account\n").errors())
                .contains("project.yaml:1: missing required key \"account\"");
    }

    @Test
    void rejectsAnAccountThatIsNoTechnicalName() {
        assertThat(project().file("project.yaml", "title: x\naccount: My Site\n").errors())
                .contains("project.yaml:2: \"My Site\" is not a valid account name (use letters, digits, _ and - only)");
    }

    @Test
    void rejectsUnknownKeysSuggestingNearMisses() {
        assertThat(project().file("project.yaml", "account: Site\ntitel: x\n").errors())
                .contains("project.yaml:2: unknown key \"titel\" (did you mean \"title\"?)");
    }

    @Test
    void rejectsUnknownKeysListingTheKnownOnes() {
        assertThat(project().file("project.yaml", "account: Site\ncolour: red\n").errors())
                .contains("project.yaml:2: unknown key \"colour\" (known keys: account, title)");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThat(project().file("project.yaml", "account: Site\ntitle: a\ntitle: b\n").errors())
                .contains("project.yaml:3: duplicate key \"title\" (first at line 2)");
    }

    @Test
    void rejectsAValueOfTheWrongType() {
        assertThat(project().file("project.yaml", "account: [Site]\n").errors())
                .contains("project.yaml:1: \"account\" must be a single value, not a list");
    }

    @Test
    void rejectsAFileThatIsNoMap() {
        assertThat(project().file("project.yaml", "- account\n").errors())
                .contains("project.yaml:1: project.yaml must be a map of keys, not a list");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        assertThat(project().file("project.yaml", "account: Site\ntitle: \"unclosed\n").errors())
                .containsPattern("project\\.yaml:[23]: YAML syntax error: ");
    }

    @Test
    void explainsThatALeadingStarMustBeQuoted() {
        assertThat(project().file("project.yaml", "account: Site\ntitle: *AHU1.GT11\n").errors())
                .contains("project.yaml:2: YAML syntax error:").contains("must be quoted");
    }

    @Test
    void rejectsYamlAliases() {
        assertThat(project().file("project.yaml", "account: &a Site\ntitle: *a\n").errors())
                .contains("project.yaml:2: YAML aliases (*a) are not supported");
    }

    @Test
    void rejectsMoreThanOneDocument() {
        assertThat(project().file("project.yaml", "account: Site\n---\naccount: Other\n").errors())
                .contains("project.yaml:3: only one YAML document per file");
    }

    @Test
    void rejectsNestingDeeperThan32Levels() {
        StringBuilder deep = new StringBuilder("account: Site\ntitle: ");
        deep.append("[".repeat(40)).append("]".repeat(40)).append('\n');
        assertThat(project().file("project.yaml", deep.toString()).errors())
                .contains("project.yaml:2: YAML nested deeper than 32 levels");
    }

    @Test
    void rejectsFilesOver4MiB() {
        byte[] big = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) '#');
        assertThat(project().bytes("project.yaml", big).errors())
                .contains("project.yaml: file is 4.0 MiB, larger than the limit of 4 MiB");
    }

    @Test
    void rejectsFilesThatAreNotUtf8() {
        assertThat(project().bytes("project.yaml", new byte[] {'a', ':', ' ', (byte) 0xff, '\n'}).errors())
                .contains("project.yaml: file is not UTF-8 text");
    }

    @Test
    void acceptsYesAndNoAsTextOrBoolean() {
        LoadedProject loaded = project()
                .file("areas/Plant/Main.pvl.yaml", """
                        Variables:
                          - Name: A
                            Variable: "*AHU1.GT11_SP"
                            Writable: Yes
                          - Name: B
                            Variable: "*AHU1.GT11_SP"
                            Writable: true
                          - Name: C
                            Variable: "*AHU1.GT11_SP"
                            Writable: "no"
                        """).load();
        var variables = loaded.project().root().children().getFirst().lists().getFirst().variables();
        assertThat(variables).extracting(v -> v.writable()).containsExactly(true, true, false);
    }

    @Test
    void reportsEveryErrorAndListsTheFirstTwenty() {
        ProjectFixture project = project();
        StringBuilder list = new StringBuilder("Variables:\n");
        for (int i = 0; i < 25; i++) list.append("  - Name: V").append(i).append("\n    Variable: \"*AHU9.GT11\"\n");
        project.file("areas/Plant/Main.pvl.yaml", list.toString());

        ProjectLoadException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                ProjectLoadException.class, project::load);
        assertThat(failure.problems()).hasSize(25);
        assertThat(failure.problems().getFirst().source().toString()).isEqualTo("areas/Plant/Main.pvl.yaml:3");
        assertThat(failure.getMessage()).startsWith("the project has 25 errors:")
                .contains("areas/Plant/Main.pvl.yaml:41: unknown controller \"AHU9\"")
                .doesNotContain("Main.pvl.yaml:43:")
                .endsWith("… and 5 more");
    }

    @Test
    void rejectsAPathThatIsNoFolder() {
        Path missing = root.resolve("nowhere");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ProjectLoadException.class,
                () -> new ProjectLoader(java.util.Map.of()).load(missing)).getMessage())
                .isEqualTo("the project has 1 error:\n  " + missing.toAbsolutePath() + ": not a folder");
    }
}
