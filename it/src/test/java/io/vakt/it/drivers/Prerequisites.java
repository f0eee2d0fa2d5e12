package io.vakt.it.drivers;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether a tool a test drives is installed. Missing → the test is skipped, or fails when
 * {@code vakt.it.required=true} ({@code VAKT_IT_REQUIRED=1}, as on CI, which installs every tool).
 */
public final class Prerequisites {
    private static final String REQUIRED_PROPERTY = "vakt.it.required";
    private static final String NODE_DIR_PROPERTY = "vakt.it.node.dir";
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private Prerequisites() {}

    public static void assumeExecutable(Path binary, String debianPackage) {
        if (Files.isExecutable(binary)) return;
        missing(binary + " (on Debian/Ubuntu: apt-get install " + debianPackage + ")");
    }

    /** Debian's own python3 with {@code module} importable (the package that brings it: {@code debianPackage}). */
    public static void assumePython(String module, String debianPackage) {
        assumeExecutable(PYTHON, "python3");
        if (!module.matches("[A-Za-z0-9_.]+")) throw new IllegalArgumentException(module);
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module)
                    .redirectErrorStream(true).start();
            if (check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0) return;
            check.destroyForcibly();
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        missing("the python module " + module + " for " + PYTHON + " (apt-get install " + debianPackage + ")");
    }

    /** {@code it/src/test/node} with its packages installed ({@code npm ci}). */
    public static Path nodeDir() {
        String dir = System.getProperty(NODE_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) missing("the system property " + NODE_DIR_PROPERTY + " (set by the it pom)");
        Path nodeDir = Path.of(dir);
        if (!Files.isDirectory(nodeDir.resolve("node_modules"))) {
            missing(nodeDir.resolve("node_modules") + " (run `npm ci` in it/src/test/node)");
        }
        return nodeDir;
    }

    /** The {@code node} binary on the PATH. */
    public static Path node() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, "node");
            if (!folder.isBlank() && Files.isExecutable(candidate)) return candidate;
        }
        missing("the `node` executable on the PATH (Node.js >= 20)");
        throw new IllegalStateException("unreachable");
    }

    private static void missing(String what) {
        String message = "This integration test needs " + what;
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + "; failing because " + REQUIRED_PROPERTY + "=true (VAKT_IT_REQUIRED=1)");
        }
        Assumptions.abort(message + "; skipped (set VAKT_IT_REQUIRED=1 to make this a failure)");
    }
}
