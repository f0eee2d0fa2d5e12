package io.vakt.it.web;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web runtime's pure modules (format, rules, back-off, live state …) under Node's own test runner: every
 * {@code *.test.mjs} below it/src/test/js and server/src/test/js, run with {@code node --test <files>} from the
 * repository root. The files are listed here rather than passing the folders, because Node 20 reads a folder
 * argument as "search it" and Node 22 as a glob. Fails with node's whole output when a test fails.
 */
class WebModulesIT {
    private static final List<String> TEST_DIRS = List.of("it/src/test/js", "server/src/test/js");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void javascriptUnitTestsPass() throws Exception {
        String node = assumeNode();
        Path repo = Path.of(System.getProperty("vakt.it.repo.dir", "..")).toAbsolutePath().normalize();
        List<Path> tests = new ArrayList<>();
        for (String dir : TEST_DIRS) tests.addAll(testFiles(repo.resolve(dir)));
        assertThat(tests).as("*.test.mjs files of the web runtime in %s", TEST_DIRS).isNotEmpty();

        List<String> command = new ArrayList<>(List.of(node, "--test"));
        tests.forEach(file -> command.add(repo.relativize(file).toString()));
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // read while it runs, so a chatty test cannot fill the pipe and stall, and a hanging one can be timed out
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().daemon().name("node-test-output").start(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            // node --test runs each file in a child process: stop those too
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(5_000);
            Assertions.fail("node --test did not finish within " + TIMEOUT.toSeconds() + " s (a test keeps a timer or"
                    + " socket open?); its output so far:\n" + output.toString(StandardCharsets.UTF_8));
        }
        reader.join(5_000);
        String text = output.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(process.exitValue()).as("exit code of %s; its output:%n%s", String.join(" ", command), text).isZero();
    }

    private static List<Path> testFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".test.mjs"))
                    .filter(path -> !path.toString().contains("node_modules")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code node} (≥ 20) on the PATH, else skip — or fail when integration tests are required (CI). */
    private static String assumeNode() {
        String problem;
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(10, TimeUnit.SECONDS)) {
                version.destroyForcibly();
                problem = "a working `node` (node --version did not answer within 10 s)";
            } else {
                String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                int major = Integer.parseInt(text.replaceFirst("^v", "").split("\\.")[0]);
                problem = major >= 20 ? null : "Node.js >= 20 (found " + text + ")";
            }
        } catch (IOException | NumberFormatException e) {
            problem = "the `node` executable (Node.js >= 20) on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "an uninterrupted check for `node`";
        }
        if (problem == null) return "node";
        String message = "The web runtime's JavaScript unit tests need " + problem;
        if (Boolean.getBoolean(Browser.REQUIRED_PROPERTY)) {
            Assertions.fail(message + "; failing because " + Browser.REQUIRED_PROPERTY + "=true (VAKT_IT_REQUIRED=1)");
        }
        Assumptions.abort(message + "; skipped (set VAKT_IT_REQUIRED=1 to make this a failure)");
        return null;
    }
}
