package io.vakt.server;

import io.vakt.core.driver.DriverManager;
import io.vakt.core.access.AccessLevel;
import io.vakt.graphql.GraphqlEngine;
import io.vakt.graphql.GraphqlOperations;
import io.vakt.graphql.live.SubscriptionGroups;
import io.vakt.graphql.ws.SessionContext;
import io.vakt.graphql.ws.WsStats;
import io.vakt.server.auth.AdminBootstrap;
import io.vakt.server.auth.AuthGuard;
import io.vakt.server.auth.JwtService;
import io.vakt.server.auth.LoginService;
import io.vakt.server.auth.LoginThrottle;
import io.vakt.server.auth.TokenService;
import io.vakt.server.auth.UserDirectory;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.http.ApiRoutes;
import io.vakt.server.http.HttpVerticle;
import io.vakt.server.tls.CertificateReport;
import io.vakt.server.tls.HttpsRedirectVerticle;
import io.vakt.server.tls.ServerTls;
import io.vakt.server.metrics.VaktMetrics;
import io.vakt.server.ws.GraphqlWebSocketEndpoint;
import io.vakt.server.ws.SessionRegistry;
import io.vakt.server.ssf.SsfStack;
import io.vakt.server.wamp.WampStack;
import io.vakt.server.ws.WampWebSocketEndpoint;
import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;
import io.vakt.wamp.router.WampStats;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Vakt server: the assembly of store, project, drivers, hub, GraphQL and HTTP, with plain
 * constructors and no container. It creates every executor it uses and shuts them all down in
 * {@link #close()}, which is also what Ctrl-C and SIGTERM run.
 */
public final class VaktServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VaktServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final VaktConfig config;
    private final Instant startedAt;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final AtomicBoolean serving = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SessionRegistry sessions = new SessionRegistry();
    private ScheduledThreadPoolExecutor scheduler;
    private ExecutorService blocking;
    private Vertx vertx;
    private LiveStack live;
    private WampStack wamp;
    private SsfStack ssf;
    private WampWebSocketEndpoint wampEndpoint;
    private io.vakt.server.fallback.FallbackTransports fallback;
    private VaktStore store;
    private int port;
    private ServerTls tls;
    private int redirectPort;
    private Optional<String> initialAdminPassword = Optional.empty();

    private VaktServer(VaktConfig config) {
        this.config = config;
        this.startedAt = Instant.now();
    }

    /**
     * Starts a server and returns once it listens. {@code environment} supplies {@code VAKT_ADMIN_PASSWORD}
     * for the first start.
     */
    public static VaktServer start(VaktConfig config, Map<String, String> environment) {
        VaktServer server = new VaktServer(config);
        try {
            server.startAll(environment);
            return server;
        } catch (RuntimeException failure) {
            server.close();
            throw failure;
        }
    }

    private void startAll(Map<String, String> environment) {
        Clock clock = Clock.systemUTC();
        scheduler = new ScheduledThreadPoolExecutor(2, Thread.ofPlatform().name("vakt-scheduler-", 0).daemon().factory());
        scheduler.setRemoveOnCancelPolicy(true);
        blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vakt-blocking-", 0).factory());

        store = VaktStore.open(config.dataDir(), StoreOptions.defaults());
        initialAdminPassword = new AdminBootstrap(store.users(), new SecureRandom())
                .ensureAdmin(environment.get("VAKT_ADMIN_PASSWORD"));
        UserDirectory users = new UserDirectory(store.users(), scheduler, blocking, Duration.ofSeconds(5));
        resources.add(users);
        users.start().toCompletableFuture().join();
        JwtService jwt = JwtService.open(config.dataDir(), clock);
        TokenService tokens = new TokenService(jwt, users);
        LoginService login = new LoginService(store, jwt, tokens, users, new LoginThrottle(config.login(), clock),
                config.tokens(), new BoundedExecutor(blocking, Math.max(1, Runtime.getRuntime().availableProcessors())),
                scheduler);

        live = LiveStack.start(config, store.auditLog(), blocking, scheduler, clock);
        GraphqlEngine engine = new GraphqlEngine(live.api(), config.graphql());
        SubscriptionGroups groups = new SubscriptionGroups(live.hub());
        WsStats wsStats = new WsStats();
        GraphqlOperations operations = new GraphqlOperations(engine, live.api(), groups, blocking);
        WampStats wampStats = new WampStats();
        VaktMetrics metrics = new VaktMetrics(live.hub(), groups.stats(), wsStats, live.writes(), wampStats);
        resources.add(metrics);
        metrics.controllers(live.drivers());
        wamp = WampStack.start(config.wamp(), live.loaded().project(), tokens, store.serviceKeys(), scheduler, blocking,
                wampStats);
        ssf = SsfStack.start(config.ssf(), new SsfStack.Parts(live.loaded().project(), config.project(), live.hub(),
                live.writes(), store, wamp.router(), wamp.config(), wamp.credentials(), scheduler, blocking, Versions.vakt()));
        metrics.ssf(ssf.runtime());

        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.listener().eventLoops()));
        wampEndpoint = new WampWebSocketEndpoint(vertx, config.webSocket(), config.wamp().maxMessageSize(), wamp.router());
        GraphqlWebSocketEndpoint webSocket = new GraphqlWebSocketEndpoint(vertx, config.webSocket(),
                config.graphqlWs().maxMessageBytes(),
                transport -> new SessionContext(transport, config.graphqlWs(), tokens, operations, wsStats, clock),
                sessions);
        fallback = new io.vakt.server.fallback.FallbackTransports(vertx, config,
                transport -> new SessionContext(transport, config.graphqlWs(), tokens, operations, wsStats, clock), wamp.router());
        metrics.fallback(fallback::openEventStreams, fallback::openLongPollTransports);
        io.vakt.server.diag.NetworkEdge edge = io.vakt.server.diag.NetworkEdge.from(config, Versions.vakt(), clock);
        ApiRoutes routes = new ApiRoutes(new ApiRoutes.Parts(login, new AuthGuard(tokens), engine, blocking, webSocket,
                wampEndpoint, metrics, config.metrics().scrapeToken(), this::sysinfo, serving::get, Versions.vakt(),
                Math.max(1024 * 1024, config.graphql().maxQueryLength() * 4),
                edge, fallback));
        listen(routes, edge);
        serving.set(true);
        log.info("Vakt {} serving {} on {}://{}:{}/arrigo/api/ ({} event loops)", Versions.vakt(),
                live.loaded().summary(), tls == null ? "http" : "https", config.listener().host(), port,
                config.listener().eventLoops());
        if (redirectPort != 0) log.info("Plain HTTP on port {} redirects to HTTPS", redirectPort);
        log.info("WAMP router on {}://{}:{}/arrigo/api/wamp (realms {}, account {})", tls == null ? "ws" : "wss",
                config.listener().host(), port,
                String.join(", ", wamp.config().realms()), wamp.config().permissions().account());
        live.loaded().warnings().forEach(warning -> log.warn("Project: {}", warning));
    }

    private void listen(ApiRoutes routes, io.vakt.server.diag.NetworkEdge edge) {
        VaktConfig.Listener listener = config.listener();
        int wanted = listener.port() == 0 ? freePort(listener.host()) : listener.port();
        if (config.tls().enabled()) {
            // before listening, so a bad file is a one-line start-up error naming it, not a failed bind
            tls = ServerTls.load(config.tls(), Clock.systemUTC());
            resources.add(tls);
            tls.logLoaded("loaded");
        }
        if (tls == null && config.tls().redirectPort() != null) {
            log.warn("tls.redirectPort {} is ignored: Vakt serves plain HTTP (set tls.certificate and tls.key, or"
                    + " tls.keyStore, to serve HTTPS)", config.tls().redirectPort());
        }
        // HSTS goes on answers to requests that came over HTTPS: Vakt's own TLS, or a TLS-terminating trusted proxy
        // that says so (X-Forwarded-Proto / Forwarded proto); the header only matters to browsers that used HTTPS
        HttpVerticle.Security security = new HttpVerticle.Security(tls, config.tls().hsts(),
                request -> request.isSSL() || "https".equals(edge.proxies().resolve(request).scheme()));
        try {
            // the server's frame limit must let the larger of the two endpoints' messages through
            int maxMessageBytes = Math.max(config.graphqlWs().maxMessageBytes(), config.wamp().maxMessageSize());
            vertx.deployVerticle(() -> new HttpVerticle(routes, listener.host(), wanted, maxMessageBytes,
                            config.webSocket().compression(), security),
                    new DeploymentOptions().setInstances(listener.eventLoops()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + listener.host() + ":" + wanted + ": "
                    + (cause instanceof java.net.BindException ? "the port is in use or the address is not local"
                    : cause.getMessage()), cause);
        }
        port = wanted;
        if (tls != null) {
            listenForRedirects(routes);
            tls.startReloading(scheduler);
        }
    }

    /** The optional plain-HTTP listener ({@code tls.redirectPort}) that sends every request to HTTPS. */
    private void listenForRedirects(ApiRoutes routes) {
        Integer wantedPort = config.tls().redirectPort();
        if (wantedPort == null) return;
        String host = config.listener().host();
        HttpsRedirectVerticle redirect = new HttpsRedirectVerticle(host, wantedPort, port, config.tls().hostName(),
                loop -> routes.requestHandler(vertx, loop));
        try {
            vertx.deployVerticle(redirect).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen for HTTP redirects (tls.redirectPort) on " + host + ":" + wantedPort
                    + ": " + (cause instanceof java.net.BindException ? "the port is in use or the address is not local"
                    : cause.getMessage()), cause);
        }
        redirectPort = redirect.actualPort();
    }

    /**
     * Vert.x shares one port between verticle instances only when the port is given; with port 0 every
     * instance would get its own. So for port 0, ask the system for a free port first.
     */
    private static int freePort(String host) {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    public int port() { return port; }

    public String host() { return config.listener().host(); }

    /** The served certificate and what is wrong with it, when the main listener serves HTTPS. */
    public Optional<ServerTls> tls() { return Optional.ofNullable(tls); }

    /** The plain-HTTP redirect listener's port ({@code tls.redirectPort}), 0 when there is none. */
    public int redirectPort() { return redirectPort; }

    public VaktConfig config() { return config; }

    /** The password of the admin user this start created, if it created one and no password was supplied. */
    public Optional<String> initialAdminPassword() { return initialAdminPassword; }

    public String projectSummary() { return live.loaded().summary(); }

    /** Open GraphQL WebSocket sessions. */
    public int openSessions() { return sessions.size(); }

    /** Open fallback sessions: GraphQL event streams (reserved or streaming) and WAMP long-poll transports. */
    public int fallbackSessions() { return fallback == null ? 0 : fallback.openSessions(); }

    /** Joined WAMP sessions, the server's own in-process ones included. */
    public int wampSessions() { return wamp.router().sessionCount(); }

    /**
     * Creates a service key in this server's store and makes it usable at once (the CLI's keys take up to
     * {@link WampStack#SERVICE_KEY_REFRESH} to show). Blocks on the store: not for an event loop.
     *
     * @return the key, which is not stored and cannot be shown again
     */
    public String createServiceKey(String service, AccessLevel level) {
        String key = store.serviceKeys().create(service, level).key();
        wamp.serviceKeys().refreshNow().toCompletableFuture().join();
        return key;
    }

    Map<String, Object> sysinfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("product", "Vakt");
        info.put("version", Versions.vakt());
        info.put("startedAt", startedAt.toString());
        info.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        info.put("components", Versions.components());
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("account", live.loaded().project().account());
        project.put("title", live.loaded().project().title());
        project.put("origin", live.loaded().origin());
        project.put("summary", live.loaded().summary());
        info.put("project", project);
        info.put("tls", tls == null ? CertificateReport.disabled() : tls.sysinfo());
        info.put("controllers", controllers());
        return info;
    }

    /** Every controller with its driver and, for field drivers, the link: state, since when, the last problem. */
    private List<Map<String, Object>> controllers() {
        List<Map<String, Object>> controllers = new ArrayList<>();
        for (DriverManager.ControllerStatus status : live.drivers().statuses()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", status.controller());
            entry.put("driver", status.driver());
            entry.put("points", status.points());
            status.link().ifPresent(link -> {
                entry.put("peer", link.peer());
                entry.put("state", link.state());
                entry.put("since", link.since().toString());
                entry.put("problem", link.problem());
                entry.put("reconnects", link.reconnects());
            });
            controllers.add(entry);
        }
        return controllers;
    }

    /**
     * Stops serving: clients are told the server is going away (GraphQL close 1001; WAMP GOODBYE
     * {@code wamp.close.system_shutdown}, then 1001), then everything is released.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        serving.set(false);
        if (vertx != null) {
            long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
            if (wamp != null) wamp.shutdown();
            if (fallback != null) fallback.shutdown();
            sessions.shutdownAll(SHUTDOWN_GRACE);
            if (wampEndpoint != null) wampEndpoint.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Vert.x did not stop cleanly: {}", e.toString());
            }
        }
        if (fallback != null) fallback.close();
        if (wamp != null) wamp.close();
        if (ssf != null) ssf.close();
        if (live != null) live.close();
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        if (scheduler != null) scheduler.shutdownNow();
        if (blocking != null) {
            blocking.shutdown();
            try {
                if (!blocking.awaitTermination(5, TimeUnit.SECONDS)) log.warn("Blocking tasks still running at shutdown");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (store != null) store.close();
        if (port != 0) log.info("Vakt stopped");
    }
}
