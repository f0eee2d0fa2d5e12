package io.vakt.server.ssf;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.ProjectLoader;
import io.vakt.scripting.SsfCaller;
import io.vakt.scripting.SsfConfig;
import io.vakt.scripting.SsfInvocation;
import io.vakt.scripting.SsfRegistration;
import io.vakt.scripting.SsfRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code files edited while the server runs (issue 4 item 1): a change is re-registered, a file that does not
 * evaluate leaves the previous version serving, a deleted file's code is withdrawn, and a new one appears.
 */
class SsfReloadTest {
    private static final String PLANT = "Plant";

    @TempDir Path project;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ProjectLoader loader = new ProjectLoader(DriverFactories.discover());
    private SsfRuntime runtime;
    private SsfStack stack;
    private SsfSourceWatcher watcher;
    private Path code;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(project.resolve("project.yaml"), "account: Site\n");
        Files.createDirectories(project.resolve("controllers"));
        Files.writeString(project.resolve("controllers/C1.yaml"), """
                driver: simulator
                points:
                  - address: T1
                    type: real
                """);
        Files.createDirectories(project.resolve("areas/Plant"));
        code = project.resolve("areas/Plant/area.ssf.js");
        write(code, "function one() { return 1; }\nreturn { one };\n");
        runtime = new SsfRuntime(SsfConfig.defaults(), Map.of(), timer);
        stack = new SsfStack(runtime);
        stack.applyProjectCode(loader.load(project).project().serverSideFunctions());
        watcher = new SsfSourceWatcher(project, loader, stack::applyProjectCode, Runnable::run);
    }

    @AfterEach
    void stop() {
        watcher.close();
        stack.close();
        timer.shutdownNow();
    }

    @Test
    void anEditedFileIsRegisteredAgain() throws Exception {
        assertThat(registration().functions()).containsExactly("one");
        write(code, "function one() { return 1; }\nfunction two() { return 2; }\nreturn { one, two };\n");

        watcher.checkOnce();

        assertThat(registration().functions()).containsExactly("one", "two");
        assertThat(registration().version()).isEqualTo(2);
        assertThat(call("two")).isEqualTo(2);
    }

    @Test
    void aBrokenEditLeavesThePreviousVersionServing() throws Exception {
        write(code, "function one() {\n  return 1\n  oops(;\n}\nreturn { one };\n");

        watcher.checkOnce();

        assertThat(registration().version()).as("the broken version was not installed").isEqualTo(1);
        assertThat(call("one")).isEqualTo(1);
    }

    @Test
    void aDeletedFileWithdrawsItsCodeAndANewFileAddsCode() throws Exception {
        Files.delete(code);
        watcher.checkOnce();
        assertThat(runtime.registration(PLANT)).isEmpty();

        write(code, "function back() { return 'back'; }\nreturn { back };\n");
        watcher.checkOnce();
        assertThat(registration().functions()).containsExactly("back");
    }

    @Test
    void nothingChangedMeansNoReload() {
        watcher.checkOnce();
        watcher.checkOnce();
        assertThat(registration().version()).isEqualTo(1);
    }

    private SsfRegistration registration() { return runtime.registration(PLANT).orElseThrow(); }

    private Object call(String method) throws Exception {
        SsfCaller caller = new SsfCaller(null, new Principal("test", AccessLevel.Admin), true);
        return runtime.execute(new SsfInvocation(PLANT, method, Map.of(), caller, Map.of(), null))
                .toCompletableFuture().get(30, TimeUnit.SECONDS).value();
    }

    /** Writes and moves the modification time on, so a same-size rewrite within one clock tick is still seen. */
    private static void write(Path file, String text) throws IOException {
        Instant before = Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : Instant.EPOCH;
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(before.plusSeconds(1).isAfter(Instant.now()) ? before.plusSeconds(1) : Instant.now()));
    }
}
