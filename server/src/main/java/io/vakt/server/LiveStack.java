package io.vakt.server;

import io.vakt.core.access.AccessPolicy;
import io.vakt.core.content.ContentModel;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.driver.DriverManager;
import io.vakt.core.live.LiveValues;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Project;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.LoadedProject;
import io.vakt.core.project.ProjectLoader;
import io.vakt.core.write.AuditLog;
import io.vakt.core.write.WriteService;
import io.vakt.graphql.LiveApi;
import io.vakt.server.config.VaktConfig;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The path of a value, assembled: the project, its drivers, the LiveValues hub and the write path.
 */
record LiveStack(LoadedProject loaded, DriverManager drivers, LiveValues hub, WriteService writes, LiveApi api)
        implements AutoCloseable {

    static LiveStack start(VaktConfig config, AuditLog audit, Executor blocking, ScheduledExecutorService scheduler,
                           Clock clock) {
        Map<String, DriverFactory> factories = DriverFactories.discover();
        ProjectLoader loader = new ProjectLoader(factories);
        LoadedProject loaded = config.project() == null ? loader.loadDemo() : loader.load(config.project());
        Project project = withDriverOverrides(loaded.project(), config.driverOverrides(), factories);
        loaded = new LoadedProject(project, loaded.warnings(), loaded.origin());
        DriverManager drivers = new DriverManager(project, factories, scheduler, clock);
        LiveValues hub = new LiveValues(config.liveValues(), drivers, scheduler, clock);
        drivers.start(hub::accept);
        AccessPolicy access = new AccessPolicy(project);
        WriteService writes = new WriteService(project, access, drivers, hub, audit, blocking, scheduler, clock,
                config.writes());
        LiveApi api = new LiveApi(project, access, new ContentModel(), hub, writes);
        return new LiveStack(loaded, drivers, hub, writes, api);
    }

    /**
     * Applies {@code drivers.<name>.<setting>} from the configuration to every controller of that driver (e.g. a
     * faster simulator for tests), and lets the driver check the result.
     */
    static Project withDriverOverrides(Project project, Map<String, Map<String, String>> overrides,
                                       Map<String, DriverFactory> factories) {
        if (overrides.isEmpty()) return project;
        Map<String, Map<String, String>> byDriver = new HashMap<>();
        overrides.forEach((driver, settings) -> byDriver.put(driver.toLowerCase(Locale.ROOT), settings));
        List<Controller> controllers = new ArrayList<>();
        for (Controller controller : project.controllers()) {
            Map<String, String> extra = byDriver.get(controller.driver().toLowerCase(Locale.ROOT));
            if (extra == null || extra.isEmpty()) {
                controllers.add(controller);
                continue;
            }
            Map<String, String> settings = new HashMap<>(controller.settings());
            settings.putAll(extra);
            Map<String, SourceRef> sources = new HashMap<>(controller.settingSources());
            extra.keySet().forEach(key -> sources.put(key, new SourceRef("configuration drivers." + controller.driver(), 0)));
            Controller changed = new Controller(controller.name(), controller.title(), controller.driver(), settings,
                    controller.points(), controller.source(), sources);
            DriverFactory factory = factories.get(controller.driver().toLowerCase(Locale.ROOT));
            if (factory != null) factory.validate(changed);
            controllers.add(changed);
        }
        return new Project(project.account(), project.title(), project.root(), controllers, project.serverSideFunctions());
    }

    @Override
    public void close() {
        hub.close();
        drivers.close();
    }
}
