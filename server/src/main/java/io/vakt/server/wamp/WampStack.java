package io.vakt.server.wamp;

import io.vakt.core.access.TokenVerifier;
import io.vakt.core.model.Project;
import io.vakt.server.config.WampSettings;
import io.vakt.store.ServiceKeyRepository;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampRouter;
import io.vakt.wamp.router.WampStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The WAMP side of the server, assembled: the router's own thread ({@code vakt-wamp-router}), the service-key
 * snapshot, the authenticator and the router. The transport
 * ({@code WampWebSocketEndpoint}) is wired by the HTTP side. Shutting down is two steps: {@link #shutdown()}
 * says GOODBYE to every session while the sockets still work, {@link #close()} stops the thread afterwards.
 */
public final class WampStack implements AutoCloseable {
    /** Keys added with {@code vakt service-key} while the server runs work after at most this long. */
    public static final Duration SERVICE_KEY_REFRESH = Duration.ofSeconds(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(WampStack.class);

    private final ScheduledThreadPoolExecutor thread;
    private final ServiceKeyDirectory serviceKeys;
    private final WampCredentials credentials;
    private final WampConfig config;
    private final WampRouter router;

    private WampStack(ScheduledThreadPoolExecutor thread, ServiceKeyDirectory serviceKeys, WampCredentials credentials,
                      WampConfig config, WampRouter router) {
        this.thread = thread;
        this.serviceKeys = serviceKeys;
        this.credentials = credentials;
        this.config = config;
        this.router = router;
    }

    /**
     * Starts the router; returns once the service keys are loaded. The in-process services (ssf, state, db)
     * are joined by {@code SsfStack}.
     *
     * @param timer    fires the service-key reloads
     * @param blocking runs the reloads
     */
    public static WampStack start(WampSettings settings, Project project, TokenVerifier tokens, ServiceKeyRepository keys,
                                  ScheduledExecutorService timer, Executor blocking, WampStats stats) {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("vakt-wamp-router").daemon().factory());
        thread.setRemoveOnCancelPolicy(true);
        // at shutdown, timers such as a session's token expiry must not hold the thread until they fire
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ServiceKeyDirectory serviceKeys = new ServiceKeyDirectory(keys, timer, blocking, SERVICE_KEY_REFRESH);
        try {
            serviceKeys.start().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            WampConfig config = settings.routerConfig(project.account());
            WampCredentials credentials = new WampCredentials(tokens, serviceKeys);
            WampRouter router = new WampRouter(config, credentials, new RouterScheduler(thread), stats);
            return new WampStack(thread, serviceKeys, credentials, config, router);
        } catch (Exception e) {
            serviceKeys.close();
            thread.shutdownNow();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot start the WAMP router: " + cause.getMessage(), cause);
        }
    }

    public WampRouter router() { return router; }

    public WampConfig config() { return config; }

    public ServiceKeyDirectory serviceKeys() { return serviceKeys; }

    /** Checks tokens and service keys as sign-in does; also for caller tokens passed inside calls. */
    public WampCredentials credentials() { return credentials; }

    /** GOODBYE {@code wamp.close.system_shutdown} to every session; returns at once. */
    public void shutdown() { router.shutdown(); }

    /** Stops the reloads and the router thread; call after the sockets are gone. */
    @Override
    public void close() {
        serviceKeys.close();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("WAMP router thread still busy at shutdown; stopping it");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
