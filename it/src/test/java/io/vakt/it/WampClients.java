package io.vakt.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starting the real WAMP client libraries: the npm packages next to the other node clients, and Debian's
 * python3-autobahn, which only the system interpreter sees (a pyenv or venv {@code python3} on the PATH does
 * not). A missing tool skips the test, or fails it when {@code vakt.it.required=true} (CI), as
 * {@link NodeClients#assumeOrFailWhenRequired()} does for the GraphQL clients.
 */
final class WampClients {
    static final String PYTHON_DIR_PROPERTY = "vakt.it.python.dir";
    /** The interpreter; a property so a machine with the packages elsewhere can point to it. */
    static final String PYTHON_PROPERTY = "vakt.it.python";
    static final String PYTHON_SCRIPT = "wamp_autobahn.py";
    /** A pyenv or venv setting would make the system interpreter look for its modules in the wrong place. */
    private static final List<String> PYTHON_ENV_TO_DROP = List.of("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV");

    private WampClients() {}

    /** Node >= 20 (checked by NodeClients) plus the given npm package installed in the node folder. */
    static void assumeNodePackage(String name) {
        NodeClients.assumeOrFailWhenRequired();
        Path modules = Path.of(System.getProperty(NodeClients.NODE_DIR_PROPERTY)).resolve("node_modules").resolve(name);
        if (!Files.isDirectory(modules)) {
            skipOrFail("the npm package " + name + " in " + modules.getParent()
                    + " (run `npm ci` in it/src/test/node)");
        }
    }

    static WampClientProcess node(String script, String label, Map<String, ?> options) {
        Path dir = Path.of(System.getProperty(NodeClients.NODE_DIR_PROPERTY));
        return WampClientProcess.start(label, List.of("node", script, WampClientProcess.json(options)), dir,
                Map.of(), List.of());
    }

    static String python() { return System.getProperty(PYTHON_PROPERTY, "/usr/bin/python3"); }

    /** The system python with autobahn and msgpack importable, and the script folder set by the it pom. */
    static void assumePython() {
        String dir = System.getProperty(PYTHON_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            skipOrFail("the system property " + PYTHON_DIR_PROPERTY + " (set by the it pom)");
            return;
        }
        if (!Files.isRegularFile(Path.of(dir).resolve(PYTHON_SCRIPT))) skipOrFail(PYTHON_SCRIPT + " in " + dir);
        String problem = pythonProblem();
        if (problem != null) {
            skipOrFail(problem + " (on Debian/Ubuntu: apt-get install python3-autobahn python3-msgpack)");
        }
    }

    private static String pythonProblem() {
        List<String> command = List.of(python(), "-c", "import autobahn, msgpack");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            PYTHON_ENV_TO_DROP.forEach(builder.environment()::remove);
            Process check = builder.start();
            if (!check.waitFor(20, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return "a working " + python() + " (the import check did not finish within 20 s)";
            }
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (check.exitValue() != 0) return python() + " with the modules autobahn and msgpack (" + output + ")";
            return null;
        } catch (IOException e) {
            return "the interpreter " + python() + " (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "an uninterrupted check for " + python();
        }
    }

    static WampClientProcess python(String label, Map<String, ?> options) {
        Path dir = Path.of(System.getProperty(PYTHON_DIR_PROPERTY));
        List<String> command = new ArrayList<>(List.of(python(), dir.resolve(PYTHON_SCRIPT).toString(),
                WampClientProcess.json(options)));
        // no .pyc files in the source tree
        return WampClientProcess.start(label, command, dir, Map.of("PYTHONDONTWRITEBYTECODE", "1"), PYTHON_ENV_TO_DROP);
    }

    private static void skipOrFail(String missing) {
        String message = "The WAMP interop tests need " + missing;
        if (Boolean.getBoolean(NodeClients.REQUIRED_PROPERTY)) {
            Assertions.fail(message + "; failing because " + NodeClients.REQUIRED_PROPERTY + "=true (VAKT_IT_REQUIRED=1)");
        }
        Assumptions.abort(message + "; skipped (set VAKT_IT_REQUIRED=1 to make this a failure)");
    }
}
