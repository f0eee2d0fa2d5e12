package io.vakt.server.ssf;

import io.vakt.core.model.SsfCode;
import io.vakt.core.project.ProjectLoadException;
import io.vakt.core.project.ProjectLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Notices edited, added and removed {@code .ssf.js} files in the project folder while the server runs
 * (issue: "changed files are re-registered while the server runs"). It polls rather than using inotify so it
 * also works on network shares and in containers with bind mounts: every interval it compares the name,
 * size and modification time of every code file, and only when something changed does it load the project
 * again (the loader alone knows which view or area owns a file) and hand over its code blocks.
 */
final class SsfSourceWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SsfSourceWatcher.class);
    private static final String SUFFIX = ".ssf.js";

    private final Path projectDir;
    private final ProjectLoader loader;
    private final Consumer<List<SsfCode>> apply;
    private final Executor blocking;
    private final AtomicBoolean checking = new AtomicBoolean();
    private Map<String, String> lastSeen;
    private ScheduledFuture<?> task;

    /** @param apply receives the project's code blocks after a change; runs on {@code blocking} */
    SsfSourceWatcher(Path projectDir, ProjectLoader loader, Consumer<List<SsfCode>> apply, Executor blocking) {
        this.projectDir = projectDir;
        this.loader = loader;
        this.apply = apply;
        this.blocking = blocking;
        this.lastSeen = fingerprint();
    }

    void start(ScheduledExecutorService timer, Duration interval) {
        long millis = interval.toMillis();
        task = timer.scheduleWithFixedDelay(() -> {
            // a slow check (a huge project on a slow disk) must not pile up behind itself
            if (checking.compareAndSet(false, true)) blocking.execute(this::checkOnce);
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One comparison; reloads when the set of code files or one of them changed. */
    void checkOnce() {
        try {
            Map<String, String> now = fingerprint();
            if (now.equals(lastSeen)) return;
            lastSeen = now;
            List<SsfCode> code;
            try {
                code = loader.load(projectDir).project().serverSideFunctions();
            } catch (ProjectLoadException invalid) {
                log.error("ServerSideFunction files changed, but the project has errors, so nothing was re-registered:{}",
                        invalid.getMessage().contains("\n") ? "\n" + invalid.getMessage() : " " + invalid.getMessage());
                return;
            }
            apply.accept(code);
        } catch (RuntimeException e) {
            log.error("Checking the project's ServerSideFunction files failed: {}", e.toString());
        } finally {
            checking.set(false);
        }
    }

    /** Relative file name → size and modification time, of every code file below the project folder. */
    private Map<String, String> fingerprint() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(projectDir)) {
            walk.filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SUFFIX)).forEach(path -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    files.put(projectDir.relativize(path).toString(), attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
                } catch (IOException gone) {
                    // deleted between listing and reading: it is simply not there
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot list the project folder {}: {}", projectDir, e.getMessage());
            return lastSeen == null ? Map.of() : lastSeen;
        }
        return files;
    }

    @Override
    public void close() {
        if (task != null) task.cancel(false);
    }
}
