package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.Area;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One test per rule of the areas/ tree and area.yaml. */
class AreaValidationTest {
    @TempDir
    Path root;

    private ProjectFixture project() { return new ProjectFixture(root); }

    @Test
    void buildsTheAreaTreeWithPathsTitlesAndGrants() {
        LoadedProject loaded = project()
                .file("areas/area.yaml", "title: Whole site\n")
                .file("areas/Plant/area.yaml", "title: Plant room\nicon: gear\naccess:\n  \"*\": guest\n  bob: SERVICE\n")
                .file("areas/Plant/Boilers/Main.pvl.yaml", "Variables: []\n")
                .file("areas/Office/Main.pvl.yaml", "Variables: []\n")
                .load();
        Area rootArea = loaded.project().root();

        assertThat(rootArea.name()).isEqualTo("Site");
        assertThat(rootArea.path()).isEmpty();
        assertThat(rootArea.title()).isEqualTo("Whole site");
        assertThat(rootArea.children()).extracting(Area::name).containsExactly("Office", "Plant");
        Area plant = rootArea.children().get(1);
        assertThat(plant.title()).isEqualTo("Plant room");
        assertThat(plant.icon()).isEqualTo("gear");
        assertThat(plant.grants()).containsEntry("*", AccessLevel.Guest).containsEntry("bob", AccessLevel.Service);
        assertThat(plant.source().toString()).isEqualTo("areas/Plant/area.yaml:1");
        Area boilers = plant.children().getFirst();
        assertThat(boilers.path()).isEqualTo(List.of("Plant", "Boilers"));
        assertThat(boilers.title()).isEqualTo("Boilers");
        assertThat(loaded.project().node(io.vakt.core.path.NodePaths.encode("plant.boilers.main.file"))).isPresent();
    }

    @Test
    void rootTitleDefaultsToTheProjectTitle() {
        assertThat(project().load().project().root().title()).isEqualTo("Test site");
    }

    @Test
    void rejectsAFolderNameThatIsNoTechnicalName() {
        assertThat(project().dir("areas/Plant room").errors())
                .contains("areas/Plant room: \"Plant room\" is not a valid area name (use letters, digits, _ and - only)");
    }

    @Test
    void rejectsATopLevelAreaNamedLikeTheAccount() {
        assertThat(project().dir("areas/site").errors())
                .contains("areas/site: a top-level area may not be named like the account \"Site\"");
    }

    @Test
    void allowsADeeperAreaNamedLikeTheAccount() {
        assertThat(project().dir("areas/Plant/Site").load().project().root().children().getFirst().children())
                .extracting(Area::name).containsExactly("Site");
    }

    @Test
    void rejectsSiblingAreasWhoseNamesDifferOnlyInCase() {
        assertThat(project().dir("areas/Plant").dir("areas/plant").errors())
                .contains("areas/plant: \"plant\" clashes with \"Plant\" (areas/Plant)");
    }

    @Test
    void rejectsAListAndAViewWithTheSameName() {
        assertThat(project()
                .file("areas/Plant/Main.pvl.yaml", "Variables: []\n")
                .file("areas/Plant/main.view.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
                .errors())
                .contains("areas/Plant/main.view.svg: \"main\" clashes with \"Main\" (areas/Plant/Main.pvl.yaml)");
    }

    @Test
    void rejectsAListFileNameThatIsNoTechnicalName() {
        assertThat(project().file("areas/Plant/Main list.pvl.yaml", "Variables: []\n").errors())
                .contains("areas/Plant/Main list.pvl.yaml: \"Main list\" is not a valid list name");
    }

    @Test
    void rejectsAnUnknownAccessLevel() {
        assertThat(project().file("areas/Plant/area.yaml", "title: Plant\naccess:\n  \"*\": Gust\n").errors())
                .contains("areas/Plant/area.yaml:3: unknown access level \"Gust\" (use None, Guest, Operator, Service, Admin)");
    }

    @Test
    void rejectsAnAccessGrantThatIsNoLevel() {
        assertThat(project().file("areas/Plant/area.yaml", "access:\n  bob: [Guest]\n").errors())
                .contains("areas/Plant/area.yaml:2: access for \"bob\" must be a level");
    }

    @Test
    void rejectsUnknownKeysInAreaYaml() {
        assertThat(project().file("areas/Plant/area.yaml", "title: Plant\nacess:\n  bob: Guest\n").errors())
                .contains("areas/Plant/area.yaml:2: unknown key \"acess\" (did you mean \"access\"?)");
    }

    @Test
    void rejectsServerSideFunctionCodeWithoutItsView() {
        assertThat(project().file("areas/Plant/Overview.ssf.js", "return {};\n").errors())
                .contains("areas/Plant/Overview.ssf.js: no view \"Overview\" in this folder for this ServerSideFunction code");
    }

    @Test
    void loadsAreaAndViewCodeUnderTheirOwnerPaths() {
        LoadedProject loaded = project()
                .file("areas/area.ssf.js", "return {};\n")
                .file("areas/Plant/area.ssf.js", "function a(){} return { a };\n")
                .file("areas/Plant/Overview.view.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
                .file("areas/Plant/overview.ssf.js", "function b(){} return { b };\n")
                .load();

        assertThat(loaded.project().serverSideFunctions()).extracting(c -> c.ownerPath())
                .containsExactly("Site", "Plant", "Plant.Overview.File");
        assertThat(loaded.project().serverSideFunctions().get(2).source().toString())
                .isEqualTo("areas/Plant/overview.ssf.js:1");
    }

    @Test
    void warnsAboutFilesThatAreNoProjectFiles() {
        LoadedProject loaded = project().file("areas/Plant/notes.txt", "hello\n").load();
        assertThat(loaded.warnings()).singleElement().asString()
                .startsWith("areas/Plant/notes.txt: ignored: not a project file");
    }

    @Test
    void rejectsAreasNestedDeeperThan32Levels() {
        String deep = "areas/" + "A/".repeat(33);
        assertThat(project().dir(deep).errors())
                .contains("areas/" + "A/".repeat(32) + "A: areas nested deeper than 32 levels");
    }

    @Test
    void rejectsAnEmptyUserNameInAccess() {
        assertThat(project().file("areas/Plant/area.yaml", "access:\n  \" \": Guest\n").errors())
                .contains("areas/Plant/area.yaml:2: empty user name in access (use \"*\" for everyone)");
    }

    @Test
    void warnsAboutEmptyServerSideFunctionCode() {
        LoadedProject loaded = project().file("areas/Plant/area.ssf.js", "\n").load();
        assertThat(loaded.warnings()).containsExactly("areas/Plant/area.ssf.js: empty ServerSideFunction code, ignored");
        assertThat(loaded.project().serverSideFunctions()).isEmpty();
    }

    @Test
    void warnsWhenThereIsNoAreasFolder() {
        LoadedProject loaded = project().delete("areas").load();
        assertThat(loaded.warnings()).containsExactly("areas: no areas/ folder: the project has no lists or views");
        assertThat(loaded.project().root().name()).isEqualTo("Site");
    }
}
