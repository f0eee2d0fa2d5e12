package io.vakt.graphql.support;

import graphql.ExecutionResult;
import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.AccessPolicy;
import io.vakt.core.access.Principal;
import io.vakt.core.content.ContentModel;
import io.vakt.core.driver.DriverManager;
import io.vakt.core.live.LiveValues;
import io.vakt.core.live.LiveValuesConfig;
import io.vakt.core.model.Project;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.write.AuditEntry;
import io.vakt.core.write.AuditLog;
import io.vakt.core.write.WriteConfig;
import io.vakt.core.write.WriteService;
import io.vakt.graphql.GraphqlConfig;
import io.vakt.graphql.GraphqlEngine;
import io.vakt.graphql.GraphqlOperations;
import io.vakt.graphql.LiveApi;
import io.vakt.graphql.RequestContext;
import io.vakt.graphql.live.SubscriptionGroups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real value path over {@link TestDriver}s: drivers, an unthrottled LiveValues hub, the write service, the
 * GraphQL engine, subscription groups and {@link GraphqlOperations} on a direct executor, so a pushed sample
 * reaches a subscriber on the test's own thread.
 */
public final class LiveFixture implements AutoCloseable {
    public static final Principal GUEST = new Principal("visitor", AccessLevel.Guest);
    public static final Principal OPERATOR = new Principal("operator", AccessLevel.Guest);
    public static final Principal OPERATOR_LEVEL = new Principal("olga", AccessLevel.Operator);
    public static final Principal SERVICE = new Principal("sven", AccessLevel.Service);
    public static final Principal ADMIN = new Principal("admin", AccessLevel.Admin);

    public final MutableClock clock = new MutableClock();
    public final TestDriverFactory drivers = new TestDriverFactory();
    public final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "live-fixture");
        thread.setDaemon(true);
        return thread;
    });
    public final Project project;
    public final DriverManager driverManager;
    public final LiveValues hub;
    public final LiveApi api;
    public final GraphqlEngine engine;
    public final SubscriptionGroups groups;
    public final GraphqlOperations operations;
    public final List<AuditEntry> audit = java.util.Collections.synchronizedList(new ArrayList<>());

    public LiveFixture(Project project, Duration linger, GraphqlConfig config) {
        this.project = project;
        this.driverManager = new DriverManager(project, Map.of(TestDriverFactory.NAME, drivers), scheduler, clock);
        this.hub = new LiveValues(new LiveValuesConfig(0, linger, Duration.ofSeconds(30)), driverManager, scheduler, clock);
        driverManager.start(hub::accept);
        AccessPolicy access = new AccessPolicy(project);
        AuditLog log = new AuditLog() {
            @Override
            public void record(AuditEntry entry) { audit.add(entry); }

            @Override
            public List<AuditEntry> recent(int limit) { return List.copyOf(audit); }
        };
        WriteService writes = new WriteService(project, access, driverManager, hub, log, Runnable::run, scheduler, clock,
                new WriteConfig(3, Duration.ofMillis(10), Duration.ofSeconds(5)));
        this.api = new LiveApi(project, access, new ContentModel(), hub, writes);
        this.engine = new GraphqlEngine(api, config);
        this.groups = new SubscriptionGroups(hub);
        this.operations = new GraphqlOperations(engine, api, groups, Runnable::run);
    }

    /** The small project of {@link TestProjects#small()}, lingering 1 minute. */
    public static LiveFixture small() { return new LiveFixture(TestProjects.small(), Duration.ofMinutes(1), GraphqlConfig.defaults()); }

    /** The demo building on test drivers. */
    public static LiveFixture demo() { return new LiveFixture(TestProjects.demo(), Duration.ofMinutes(1), GraphqlConfig.defaults()); }

    public TestDriver driver(String controller) { return drivers.driver(controller); }

    /** Pushes a good value for a technical address such as {@code Ctl.Real}. */
    public void push(String address, Object value) {
        TechnicalAddress parsed = TechnicalAddress.parse(address).orElseThrow();
        driver(parsed.controller()).push(parsed.point(), value);
    }

    public ExecutionResult execute(Principal principal, String query) { return execute(principal, query, Map.of()); }

    public ExecutionResult execute(Principal principal, String query, Map<String, Object> variables) {
        return engine.execute(new GraphqlEngine.OperationRequest(query, variables, null),
                new RequestContext(principal, "192.0.2.1")).join();
    }

    @Override
    public void close() {
        hub.close();
        driverManager.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
