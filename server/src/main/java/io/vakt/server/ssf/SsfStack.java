package io.vakt.server.ssf;

import io.vakt.core.access.AccessPolicy;
import io.vakt.core.live.LiveValues;
import io.vakt.core.model.Project;
import io.vakt.core.model.SsfCode;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.ProjectLoader;
import io.vakt.core.write.WriteService;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.SsfOrigin;
import io.vakt.scripting.SsfRegistration;
import io.vakt.scripting.SsfRuntime;
import io.vakt.scripting.db.DbOperations;
import io.vakt.scripting.legacy.LegacyOperations;
import io.vakt.scripting.state.SsfState;
import io.vakt.scripting.state.StateOperations;
import io.vakt.server.config.SsfSettings;
import io.vakt.server.wamp.WampCredentials;
import io.vakt.store.VaktStore;
import io.vakt.wamp.local.LocalProcedure;
import io.vakt.wamp.local.LocalSession;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * ServerSideFunctions, assembled (spec §7.5–§8): the runtime with its host operations (state in the store,
 * the log tables, legacy reads and writes through the hub and the write path, calls over the router), the
 * project's code blocks, the {@code ssf}, {@code state} and {@code db} services joined to every realm, and
 * the watcher that re-registers edited code files.
 */
public final class SsfStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SsfStack.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final SsfRuntime runtime;
    /** Code from project files, by owner path, as last registered: what a file change is compared with. */
    private final Map<String, String> projectCode = new ConcurrentHashMap<>();
    private SsfSourceWatcher watcher;

    SsfStack(SsfRuntime runtime) {
        this.runtime = runtime;
    }

    /** The parts of the server the stack uses. */
    public record Parts(Project project, Path projectDir, LiveValues hub, WriteService writes, VaktStore store,
                        WampRouter router, WampConfig wamp, WampCredentials credentials,
                        ScheduledExecutorService timer, Executor blocking, String version) {}

    /**
     * Starts the runtime, registers the project's code (a block that does not evaluate is logged with its file
     * and line and not served) and the services; returns when they are registered on every realm.
     */
    public static SsfStack start(SsfSettings settings, Parts parts) {
        Project project = parts.project();
        AccessPolicy access = new AccessPolicy(project);
        SsfPaths paths = new SsfPaths(project);
        SsfCallers callers = new SsfCallers(parts.credentials());
        String realm = parts.wamp().realms().getFirst();
        // context.call goes out through a session of its own in the first realm, so it never waits behind ssf.execute
        LocalSession outgoing = parts.router().joinLocal(realm, Identity.system("ssf-call"), parts.blocking());

        StateOperations state = new StateOperations(new SsfState(project, new StoreStateFiles(parts.store().stateFiles())),
                parts.blocking());
        Map<String, HostOperation> operations = new HashMap<>(state.operations());
        operations.put("db.query", new DbOperations(new StoreLogDatabase(parts.store().logQueries()), parts.blocking(),
                settings.maxQueryRows()).query());
        operations.putAll(new LegacyOperations(project, access, parts.hub(), parts.writes()).operations());
        operations.put("call", new ProcedureCallOperation(outgoing, parts.wamp().permissions()));
        SsfRuntime runtime = new SsfRuntime(settings.runtime(), operations, parts.timer());
        SsfStack stack = new SsfStack(runtime);
        try {
            stack.applyProjectCode(project.serverSideFunctions());
            Map<String, LocalProcedure> procedures = new LinkedHashMap<>();
            procedures.putAll(new SsfService(runtime, paths, callers, project.account(), parts.version(), Clock.systemUTC()).procedures());
            procedures.putAll(new StateService(state, paths, callers, access, project.account()).procedures());
            procedures.putAll(new DbService(operations.get("db.query"), callers, project.account()).procedures());
            List<CompletableFuture<Long>> registrations = new ArrayList<>();
            for (String each : parts.wamp().realms()) {
                // the router's shutdown ends these sessions with every other one
                LocalSession session = parts.router().joinLocal(each, Identity.system(SsfService.SERVICE), parts.blocking());
                procedures.forEach((uri, procedure) -> registrations.add(session.register(uri, Map.of(), procedure)));
            }
            CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new))
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (parts.projectDir() != null && !settings.reloadInterval().isZero()) {
                stack.watcher = new SsfSourceWatcher(parts.projectDir(), new ProjectLoader(DriverFactories.discover()),
                        stack::applyProjectCode, parts.blocking());
                stack.watcher.start(parts.timer(), settings.reloadInterval());
            }
            return stack;
        } catch (Exception e) {
            stack.close();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot start the ServerSideFunction service: " + cause.getMessage(), cause);
        }
    }

    public SsfRuntime runtime() { return runtime; }

    /**
     * Registers the project's code blocks that are new or changed and unregisters those whose file is gone;
     * code registered over WAMP since is left alone unless its path's file changed. Blocks until done.
     */
    void applyProjectCode(List<SsfCode> code) {
        Map<String, SsfCode> wanted = new LinkedHashMap<>();
        code.forEach(block -> wanted.put(block.ownerPath(), block));
        for (String path : List.copyOf(projectCode.keySet())) {
            if (wanted.containsKey(path)) continue;
            projectCode.remove(path);
            Optional<SsfRegistration> current = runtime.registration(path);
            if (current.isPresent() && current.get().origin() instanceof SsfOrigin.ProjectFile file) {
                runtime.unregister(path);
                log.info("ServerSideFunction code of {} removed ({} is gone)", path, file.file());
            }
        }
        for (SsfCode block : wanted.values()) {
            if (block.code().equals(projectCode.get(block.ownerPath()))) continue;
            boolean reload = projectCode.containsKey(block.ownerPath());
            // remembered even when it fails, so a broken file is reported once, not at every check
            projectCode.put(block.ownerPath(), block.code());
            try {
                SsfRegistration done = runtime.register(block.ownerPath(), block.code(), new SsfOrigin.ProjectFile(block.source().file()))
                        .toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (reload) {
                    log.info("ServerSideFunction code of {} re-registered from {}: {}", done.path(), block.source().file(),
                            String.join(", ", done.functions()));
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                log.error("ServerSideFunction code {} not {}: {}{}", block.source().file(), reload ? "re-registered" : "registered",
                        cause.getMessage(), runtime.registration(block.ownerPath()).isPresent() ? " (the previous version keeps serving)" : "");
            }
        }
    }

    @Override
    public void close() {
        if (watcher != null) watcher.close();
        runtime.close();
    }
}
