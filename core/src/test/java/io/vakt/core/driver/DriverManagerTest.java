package io.vakt.core.driver;

import io.vakt.core.model.Area;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.Project;
import io.vakt.core.model.SourceRef;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static io.vakt.core.model.TestProject.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The driver manager: one driver per controller, samples tagged with their technical address. */
class DriverManagerTest {
    private static final Instant NOW = Instant.parse("2024-03-04T12:00:00Z");
    private static final Point GT11 = point("GT11", io.vakt.core.model.PointType.REAL, false, null, null);
    private static final Point SEC = point("QSystem.Sec", io.vakt.core.model.PointType.INTEGER, false, null, null);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Drivers created, by controller name. */
    private final Map<String, RecordingDriver> created = new LinkedHashMap<>();
    private final List<DriverContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private DriverFactory factory(String name) {
        return new DriverFactory() {
            @Override public String name() { return name; }

            @Override
            public Driver create(DriverContext context) {
                contexts.add(context);
                RecordingDriver driver = new RecordingDriver().sink(context.sink());
                created.put(context.controller().name(), driver);
                return driver;
            }
        };
    }

    private static Controller controller(String name, String driver, int line, Point... points) {
        return new Controller(name, name, driver, Map.of(), List.of(points), new SourceRef("controllers/" + name + ".yaml", line));
    }

    private static Project project(Controller... controllers) {
        Area root = new Area("Site", null, null, List.of(), Map.of(), List.of(), List.of(), List.of(), null);
        return new Project("Site", null, root, List.of(controllers), List.of());
    }

    private DriverManager manager(Project project, Map<String, DriverFactory> factories) {
        return new DriverManager(project, factories, scheduler, clock);
    }

    @Test
    void unknownDriverNameIsAProjectErrorNamingTheControllerFile() {
        DriverManager manager = manager(project(controller("AHU1", "test", 1, GT11), controller("RU1", "modbsu", 3, GT11)),
                Map.of("test", factory("test"), "simulator", factory("simulator")));
        ProjectException error = catchThrowableOfType(ProjectException.class, () -> manager.start((a, s) -> {}));
        assertThat(error).isNotNull();
        assertThat(error.source()).isEqualTo(new SourceRef("controllers/RU1.yaml", 3));
        assertThat(error).hasMessage("controllers/RU1.yaml:3: unknown driver \"modbsu\" (known: simulator, test)");
    }

    @Test
    void aBadDriverNameLeavesNoDriverRunning() {
        DriverManager manager = manager(project(controller("AHU1", "test", 1, GT11), controller("RU1", "nope", 1, GT11)),
                Map.of("test", factory("test")));
        catchThrowableOfType(ProjectException.class, () -> manager.start((a, s) -> {}));
        assertThat(created).as("checked before any driver starts").isEmpty();
        assertThat(manager.resolve(new TechnicalAddress("AHU1", "GT11"))).isEmpty();
    }

    @Test
    void aDriverFailingToStartStopsTheOthers() {
        DriverFactory broken = new DriverFactory() {
            @Override public String name() { return "broken"; }
            @Override public Driver create(DriverContext context) { throw new IllegalStateException("port in use"); }
        };
        DriverManager manager = manager(project(controller("AHU1", "test", 1, GT11), controller("RU1", "broken", 1, GT11)),
                Map.of("test", factory("test"), "broken", broken));
        IllegalStateException error = catchThrowableOfType(IllegalStateException.class, () -> manager.start((a, s) -> {}));
        assertThat(error).hasMessage("port in use");
        assertThat(created.get("AHU1").closeCount()).isEqualTo(1);
        assertThat(manager.pointCount()).isZero();
    }

    @Test
    void driverNamesMatchIgnoringCase() {
        DriverManager manager = manager(project(controller("AHU1", "Simulator", 1, GT11), controller("RU1", "MODBUS", 1, SEC)),
                Map.of("simulator", factory("simulator"), "Modbus", factory("Modbus")));
        manager.start((a, s) -> {});
        assertThat(created).containsOnlyKeys("AHU1", "RU1");
    }

    @Test
    void samplesAreRoutedToTheirTechnicalAddress() {
        DriverManager manager = manager(project(controller("AHU1", "test", 1, GT11, SEC), controller("RU1", "test", 1, GT11)),
                Map.of("test", factory("test")));
        List<String> routed = new ArrayList<>();
        manager.start((address, sample) -> routed.add(address + "=" + sample.value()));
        created.get("AHU1").push(SEC, Sample.good(42L, NOW));
        created.get("RU1").push(GT11, Sample.good(20.5, NOW));
        created.get("AHU1").push(GT11, Sample.good(19.5, NOW));
        created.get("AHU1").push(point("UNKNOWN", io.vakt.core.model.PointType.REAL, false, null, null), Sample.good(1.0, NOW));
        assertThat(routed).containsExactly("AHU1.QSystem.Sec=42", "RU1.GT11=20.5", "AHU1.GT11=19.5");
    }

    @Test
    void everyDriverGetsItsControllerTheSharedSchedulerAndTheClock() {
        Controller ahu1 = controller("AHU1", "test", 1, GT11);
        DriverManager manager = manager(project(ahu1), Map.of("test", factory("test")));
        manager.start((a, s) -> {});
        assertThat(contexts).hasSize(1);
        assertThat(contexts.getFirst().controller()).isEqualTo(ahu1);
        assertThat(contexts.getFirst().scheduler()).isSameAs(scheduler);
        assertThat(contexts.getFirst().clock()).isSameAs(clock);
    }

    @Test
    void resolvesTechnicalAddressesIgnoringCase() {
        DriverManager manager = manager(project(controller("AHU1", "test", 1, GT11, SEC)), Map.of("test", factory("test")));
        manager.start((a, s) -> {});
        ResolvedPoint resolved = manager.resolve(new TechnicalAddress("ahu1", "qsystem.sec")).orElseThrow();
        assertThat(resolved.address()).hasToString("AHU1.QSystem.Sec");
        assertThat(resolved.point()).isEqualTo(SEC);
        assertThat(resolved.driver()).isSameAs(created.get("AHU1"));
        assertThat(manager.resolve(new TechnicalAddress("AHU1", "GT99"))).isEmpty();
        assertThat(manager.resolve(new TechnicalAddress("AHU9", "GT11"))).isEmpty();
        assertThat(manager.pointCount()).isEqualTo(2);
    }

    @Test
    void closeClosesEveryDriverEvenIfOneThrows() {
        DriverManager manager = manager(project(controller("A", "test", 1, GT11), controller("B", "test", 1, GT11),
                controller("C", "test", 1, GT11)), Map.of("test", factory("test")));
        manager.start((a, s) -> {});
        created.get("A").failClose(new IllegalStateException("socket already closed"));
        created.get("B").failClose(new IllegalStateException("socket already closed"));
        manager.close();
        assertThat(created.values()).allSatisfy(driver -> assertThat(driver.closeCount()).isEqualTo(1));
        manager.close();
        assertThat(created.values()).as("a second close is a no-op").allSatisfy(driver -> assertThat(driver.closeCount()).isEqualTo(1));
    }

    @Test
    void theDemoProjectStartsWithTheDiscoveredFactories() {
        Project demo = new io.vakt.core.project.ProjectLoader(io.vakt.core.project.DriverFactories.discover()).loadDemo().project();
        try (DriverManager manager = new DriverManager(demo, io.vakt.core.project.DriverFactories.discover(), scheduler, clock)) {
            manager.start((a, s) -> {});
            assertThat(manager.pointCount()).isEqualTo(demo.controllers().stream().mapToInt(c -> c.points().size()).sum());
            assertThat(manager.resolve(new TechnicalAddress("AHU1", "GT11"))).isPresent();
        }
    }
}
