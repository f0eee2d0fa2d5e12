package io.vakt.core.driver;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.Project;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.project.ProjectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * Creates one driver per controller of the project and routes their samples, tagged with the technical
 * address, to one consumer (the hub). Resolves technical addresses for the hub and for writes.
 */
public final class DriverManager implements PointResolver, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DriverManager.class);

    private final Project project;
    private final Map<String, DriverFactory> factories;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, Driver> driversByController = new HashMap<>();
    private final Map<String, ResolvedPoint> points = new HashMap<>();

    public DriverManager(Project project, Map<String, DriverFactory> factories, ScheduledExecutorService scheduler,
                         Clock clock) {
        this.project = project;
        // keyed by lower-cased name: controller files name drivers case-insensitively, and a copy of the
        // case-insensitive map DriverFactories.discover() returns would lose its comparator
        Map<String, DriverFactory> byName = new HashMap<>();
        factories.forEach((name, factory) -> byName.put(name.toLowerCase(Locale.ROOT), factory));
        this.factories = Map.copyOf(byName);
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Starts every controller's driver; samples of advised points go to {@code samples}. */
    public synchronized void start(BiConsumer<TechnicalAddress, Sample> samples) {
        // every driver name is checked before any driver starts, so a bad one leaves nothing running
        for (Controller controller : project.controllers()) factoryOf(controller);
        try {
            for (Controller controller : project.controllers()) {
                startController(controller, factoryOf(controller), samples);
            }
        } catch (RuntimeException e) {
            // a driver that failed to start stops the others that did
            close();
            points.clear();
            throw e;
        }
    }

    private DriverFactory factoryOf(Controller controller) {
        DriverFactory factory = factories.get(controller.driver().toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new ProjectException(controller.source(), "unknown driver \"" + controller.driver()
                    + "\" (known: " + String.join(", ", new TreeSet<>(factories.keySet())) + ")");
        }
        return factory;
    }

    private void startController(Controller controller, DriverFactory factory,
                                 BiConsumer<TechnicalAddress, Sample> samples) {
        Map<Point, TechnicalAddress> addresses = new HashMap<>();
        for (Point point : controller.points()) {
            addresses.put(point, new TechnicalAddress(controller.name(), point.address()));
        }
        SampleSink sink = (point, sample) -> {
            TechnicalAddress address = addresses.get(point);
            if (address != null) samples.accept(address, sample);
        };
        Driver driver = factory.create(new DriverContext(controller, sink, scheduler, clock));
        driversByController.put(controller.name().toLowerCase(Locale.ROOT), driver);
        addresses.forEach((point, address) -> points.put(address.key(), new ResolvedPoint(address, point, driver)));
        log.info("Controller {} started with driver {} ({} points)", controller.name(), factory.name(),
                controller.points().size());
    }

    @Override
    public Optional<ResolvedPoint> resolve(TechnicalAddress address) {
        return Optional.ofNullable(points.get(address.key()));
    }

    public int pointCount() { return points.size(); }

    /** Every controller with its driver's name and link state (empty for drivers without a link), in project order. */
    public synchronized java.util.List<ControllerStatus> statuses() {
        java.util.List<ControllerStatus> statuses = new java.util.ArrayList<>();
        for (Controller controller : project.controllers()) {
            if (!driversByController.containsKey(controller.name().toLowerCase(Locale.ROOT))) continue;
            statuses.add(new ControllerStatus(controller.name(), controller.driver(), controller.points().size(),
                    linkStatus(controller.name())));
        }
        return statuses;
    }

    /** The link of one controller's driver; empty for drivers without a link and for unknown controllers. */
    public synchronized Optional<LinkStatus> linkStatus(String controller) {
        Driver driver = driversByController.get(controller.toLowerCase(Locale.ROOT));
        if (driver == null) return Optional.empty();
        try {
            return driver.status();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One controller as {@link #statuses()} reports it. */
    public record ControllerStatus(String controller, String driver, int points, Optional<LinkStatus> link) {}

    @Override
    public synchronized void close() {
        for (Map.Entry<String, Driver> entry : driversByController.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                log.warn("Driver of controller {} failed to close cleanly: {}", entry.getKey(), e.toString());
            }
        }
        driversByController.clear();
    }
}
