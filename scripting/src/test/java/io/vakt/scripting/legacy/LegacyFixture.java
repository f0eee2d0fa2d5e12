package io.vakt.scripting.legacy;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.AccessPolicy;
import io.vakt.core.access.Principal;
import io.vakt.core.driver.DriverManager;
import io.vakt.core.live.LiveValues;
import io.vakt.core.live.LiveValuesConfig;
import io.vakt.core.model.Area;
import io.vakt.core.model.Binding;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Project;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.path.NodePaths;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.ProjectLoader;
import io.vakt.core.write.AuditEntry;
import io.vakt.core.write.AuditLog;
import io.vakt.core.write.WriteConfig;
import io.vakt.core.write.WriteService;
import io.vakt.scripting.SsfCaller;
import io.vakt.scripting.SsfScope;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real value path for the legacy bus: the demo building on its simulator driver (ticking every 50 ms and
 * never dropping out, so tests are quick and deterministic), a LiveValues hub, the write service with an audit log
 * in memory, and the legacy bus over them.
 *
 * <p>Two lists are added to the demo, for cases it does not have: {@code Landskrona/Extras} with
 * {@code *RU1.R103_SV} readable from {@code Service} only and {@code *Nope.Ghost} (no such controller), and
 * {@code Workshop/Hidden} with {@code *RU1.R102_SV}, published nowhere else. {@code RU1.R101_SV} stays a point
 * published nowhere.
 */
final class LegacyFixture implements AutoCloseable {
    static final Principal GUEST = new Principal("visitor", AccessLevel.Guest);
    static final Principal OPERATOR = new Principal("olga", AccessLevel.Operator);
    /** A Guest everywhere but in {@code Workshop}, where the demo grants the user {@code operator} Operator. */
    static final Principal WORKSHOP_OPERATOR = new Principal("operator", AccessLevel.Guest);
    static final Principal SERVICE = new Principal("sven", AccessLevel.Service);
    static final Principal NOBODY = new Principal("nobody", AccessLevel.None);
    static final String OVERVIEW = "Landskrona.Ventilation.Overview.File";

    final Project project = project();
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final Clock clock = Clock.systemUTC();
    final DriverManager drivers = new DriverManager(project, DriverFactories.discover(), scheduler, clock);
    final LiveValues hub = new LiveValues(new LiveValuesConfig(0, Duration.ofSeconds(30), Duration.ofSeconds(30)),
            drivers, scheduler, clock);
    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());
    final WriteService writes;
    final LegacyBus bus;
    final LegacyOperations operations;

    LegacyFixture() {
        drivers.start(hub::accept);
        AccessPolicy access = new AccessPolicy(project);
        AuditLog log = new AuditLog() {
            @Override
            public void record(AuditEntry entry) { audit.add(entry); }

            @Override
            public List<AuditEntry> recent(int limit) { return List.copyOf(audit); }
        };
        writes = new WriteService(project, access, drivers, hub, log, Runnable::run, scheduler, clock,
                new WriteConfig(5, Duration.ofMillis(20), Duration.ofSeconds(5)));
        bus = new LegacyBus(new PublishedAddresses(project), access, hub, writes, clock);
        operations = new LegacyOperations(bus);
    }

    static SsfScope scope(Principal principal) {
        return new SsfScope(OVERVIEW, NodePaths.encode(OVERVIEW), new SsfCaller("token of " + principal.username(), principal, false));
    }

    private static Project project() {
        Project demo = new ProjectLoader(DriverFactories.discover()).loadDemo().project();
        List<Controller> controllers = demo.controllers().stream().map(LegacyFixture::fastAndReliable).toList();
        PublishedVariableList extras = new PublishedVariableList("Extras", "Extras", "", "", List.of(
                variable("Restricted", "*RU1.R103_SV", false, AccessLevel.Service),
                variable("Ghost", "*Nope.Ghost", false, null)), null);
        PublishedVariableList hidden = new PublishedVariableList("Hidden", "Hidden", "", "", List.of(
                variable("Valve", "*RU1.R102_SV", true, null)), null);
        Area root = withList(withList(demo.root(), "Landskrona", extras), "Workshop", hidden);
        return new Project(demo.account(), demo.title(), root, controllers, demo.serverSideFunctions());
    }

    private static Controller fastAndReliable(Controller controller) {
        Map<String, String> settings = new HashMap<>(controller.settings());
        settings.put("interval", "50ms");
        settings.put("unreachableChance", "0");
        return new Controller(controller.name(), controller.title(), controller.driver(), settings, controller.points(),
                controller.source(), controller.settingSources());
    }

    private static Area withList(Area area, String folder, PublishedVariableList list) {
        List<PublishedVariableList> lists = new ArrayList<>(area.lists());
        if (area.name().equals(folder)) lists.add(list);
        List<Area> children = area.children().stream().map(child -> withList(child, folder, list)).toList();
        return new Area(area.name(), area.title(), area.icon(), area.path(), area.grants(), children, lists, area.views(),
                area.source());
    }

    private static PublishedVariable variable(String name, String variable, boolean writable, AccessLevel readAccess) {
        return new PublishedVariable(name, name, "", "", variable, Binding.parse(variable).orElseThrow(), writable,
                readAccess, null, "", null, null);
    }

    @Override
    public void close() {
        hub.close();
        drivers.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
