package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.Area;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.Project;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.model.SsfCode;
import io.vakt.core.model.View;
import io.vakt.core.model.ViewBinding;
import io.vakt.core.path.NodePaths;
import io.vakt.core.simulator.SimulatorDriverFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoProjectTest {
    private final ProjectLoader loader = new ProjectLoader(Map.of("simulator", new SimulatorDriverFactory()));

    @Test
    void demoLoadsWithItsAreasControllersAndPoints() {
        LoadedProject loaded = loader.loadDemo();
        Project project = loaded.project();

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.origin()).isEqualTo("classpath:vakt-demo");
        assertThat(project.account()).isEqualTo("Demo");
        assertThat(project.title()).isEqualTo("Vakt demo building");
        assertThat(allAreas(project.root())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(project.controllers()).extracting(c -> c.name()).containsExactly("AHU1", "EM1", "HC1", "RU1");
        assertThat(project.controllers()).allSatisfy(c -> assertThat(c.driver()).isEqualTo("simulator"));
        assertThat(project.controllers().stream().mapToInt(c -> c.points().size()).sum()).isGreaterThanOrEqualTo(300);
        assertThat(loaded.summary()).startsWith("project Demo: 7 areas, 4 controllers (")
                .contains("9 published lists, 2 views, 2 ServerSideFunction blocks");
    }

    @Test
    void severalListsHaveWritableSetpoints() {
        Project project = loader.loadDemo().project();
        List<PublishedVariableList> withWritable = allAreas(project.root()).stream()
                .flatMap(area -> area.lists().stream())
                .filter(list -> list.variables().stream().anyMatch(PublishedVariable::writable))
                .toList();
        assertThat(withWritable).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void systemAirNodePathResolvesIgnoringCase() {
        Project project = loader.loadDemo().project();
        NodeRef node = project.node(NodePaths.encode("landskrona.SYSTEMAIR.file")).orElseThrow();

        assertThat(node.file().name()).isEqualTo("SystemAir");
        assertThat(node.area().name()).isEqualTo("Landskrona");
        assertThat(node.nodePath()).isEqualTo(NodePaths.encode("Landskrona.SystemAir.File"));
        PublishedVariable second = ((PublishedVariableList) node.file()).variables().getFirst();
        assertThat(second.name()).isEqualTo("Second");
        assertThat(second.variable()).isEqualTo("*AHU1.QSystem.Sec");
        assertThat(second.binding().bound()).isTrue();
        assertThat(second.unit()).isEqualTo("s");
        assertThat(second.source().toString()).isEqualTo("areas/Landskrona/SystemAir.pvl.yaml:5");
    }

    @Test
    void folderIdOfLandskronaIsTheSpecExample() {
        Project project = loader.loadDemo().project();
        Area landskrona = project.folderById("TGFuZHNrcm9uYQ==").orElseThrow();

        assertThat(landskrona.name()).isEqualTo("Landskrona");
        assertThat(landskrona.title()).isEqualTo("Landskrona office");
        assertThat(project.folderById(NodePaths.encode("Demo"))).contains(project.root());
    }

    @Test
    void workshopGrantsShowFolderAccess() {
        Area workshop = loader.loadDemo().project().folderById(NodePaths.encode("Workshop")).orElseThrow();

        assertThat(workshop.grants()).containsEntry("*", AccessLevel.None).containsEntry("operator", AccessLevel.Operator);
    }

    @Test
    void overviewViewHasBindingsAndItsServerSideFunction() {
        Project project = loader.loadDemo().project();
        NodeRef node = project.node(NodePaths.encode("Landskrona.Ventilation.Overview.File")).orElseThrow();
        View view = (View) node.file();

        assertThat(view.title()).isEqualTo("Air handling unit LB01");
        assertThat(view.bindings()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(view.bindings()).filteredOn(ViewBinding::writable).extracting(b -> b.binding().toString())
                .containsExactly("*AHU1.GT11_SP", "*AHU1.GP11_SP", "*AHU1.RUNMODE", "*AHU1.ECO_ENABLE");
        assertThat(view.svg()).contains("data-vakt-call=\"readSupplyAir\"", "data-vakt-call=\"setSupplyAirSetpoint\"",
                "data-vakt-call=\"slowSum\"");
        List<SsfCode> code = project.serverSideFunctions();
        assertThat(code).extracting(SsfCode::ownerPath)
                .containsExactly("Landskrona", "Landskrona.Ventilation.Overview.File");
        assertThat(code.get(1).code()).contains("function add(kwargs)")
                .contains("return { add, countVisit, readSupplyAir, setSupplyAirSetpoint, slowSum, fail };");
        assertThat(code.get(1).source().file()).isEqualTo("areas/Landskrona/Ventilation/Overview.ssf.js");
    }

    @Test
    void floorOneViewShowsEveryRoomWithAWritableSetpoint() {
        Project project = loader.loadDemo().project();
        View view = (View) project.node(NodePaths.encode("Landskrona.Floor1.Overview.File")).orElseThrow().file();

        assertThat(view.title()).isEqualTo("Floor 1 — rooms");
        assertThat(view.bindings()).filteredOn(ViewBinding::writable).extracting(b -> b.binding().toString())
                .hasSize(12).allMatch(b -> b.matches("\\*RU1\\.R1(0[1-9]|1[0-2])_SP"));
    }

    @Test
    void demoLoadsFromInsideAJar(@TempDir Path temp) throws Exception {
        Path jar = temp.resolve("demo.jar");
        Path classes = Path.of(ProjectLoader.class.getClassLoader().getResource("vakt-demo/project.yaml").toURI())
                .getParent().getParent();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes.resolve("vakt-demo"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            LoadedProject fromJar = loader.loadFromClassPath(jarOnly, "vakt-demo");
            LoadedProject fromFolder = loader.loadDemo();

            assertThat(fromJar.summary()).isEqualTo(fromFolder.summary());
            assertThat(fromJar.project().node(NodePaths.encode("Landskrona.SystemAir.File"))).isPresent();
        }
        // the jar's file system was closed: the file can be replaced
        Files.delete(jar);
    }

    @Test
    void discoveredDriversIncludeTheSimulator() {
        assertThat(DriverFactories.discover()).containsKey("simulator");
        assertThat(DriverFactories.discover().get("SIMULATOR")).isInstanceOf(SimulatorDriverFactory.class);
    }

    static List<Area> allAreas(Area root) {
        List<Area> areas = new ArrayList<>();
        for (Area child : root.children()) {
            areas.add(child);
            areas.addAll(allAreas(child));
        }
        return areas;
    }

}
