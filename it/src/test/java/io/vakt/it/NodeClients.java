package io.vakt.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of a node client script ({@code node <script> '<json options>'}) from the folder in the system
 * property {@code vakt.it.node.dir}. The script prints one JSON object per line; a reader thread parses each
 * line into a queue, and {@link #awaitEvent} takes from it. Every event gets a {@code seq} field (its position
 * in the output), so tests can check the order of events they awaited separately. stderr is collected for
 * failure messages; {@link #close()} kills the process.
 */
final class NodeClients implements AutoCloseable {
    static final String NODE_DIR_PROPERTY = "vakt.it.node.dir";
    static final String REQUIRED_PROPERTY = "vakt.it.required";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PACKAGES = List.of("subscriptions-transport-ws", "graphql-ws", "ws");

    private final String script;
    private final Process process;
    private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private final List<JsonNode> history = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final StringBuffer unparsed = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private volatile boolean stdoutEnded;

    private NodeClients(String script, Process process) {
        this.script = script;
        this.process = process;
        this.stdoutReader = Thread.ofPlatform().daemon().name("node-stdout-" + script).start(this::readStdout);
        this.stderrReader = Thread.ofPlatform().daemon().name("node-stderr-" + script)
                .start(() -> drain(process.getErrorStream(), stderr));
    }

    /**
     * Skips the calling test (or fails it when {@code vakt.it.required=true}, as on CI) when {@code node} or the
     * installed client packages are missing.
     */
    static void assumeOrFailWhenRequired() {
        String problem = missingPrerequisite();
        if (problem == null) return;
        String message = "Integration tests with the real npm clients need " + problem
                + " (run `npm ci` in it/src/test/node with Node.js >= 20 on the PATH)";
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + "; failing because " + REQUIRED_PROPERTY + "=true (VAKT_IT_REQUIRED=1)");
        }
        Assumptions.abort(message + "; skipped (set VAKT_IT_REQUIRED=1 to make this a failure)");
    }

    private static String missingPrerequisite() {
        String dir = System.getProperty(NODE_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) return "the system property " + NODE_DIR_PROPERTY + " (set by the it pom)";
        Path nodeDir = Path.of(dir);
        for (String name : PACKAGES) {
            if (!Files.isDirectory(nodeDir.resolve("node_modules").resolve(name))) {
                return "the npm package " + name + " in " + nodeDir.resolve("node_modules");
            }
        }
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(10, TimeUnit.SECONDS)) {
                version.destroyForcibly();
                return "a working `node` (node --version did not answer within 10 s)";
            }
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (version.exitValue() != 0) return "a working `node` (node --version exited " + version.exitValue() + ")";
            int major = Integer.parseInt(text.replaceFirst("^v", "").split("\\.")[0]);
            if (major < 20) return "Node.js >= 20 (found " + text + ")";
            return null;
        } catch (IOException e) {
            return "the `node` executable on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "an uninterrupted check for `node`";
        } catch (NumberFormatException e) {
            return "a `node` whose --version is readable";
        }
    }

    /** Starts {@code node <script> '<options as JSON>'} in the node folder. */
    static NodeClients start(String script, Map<String, ?> options) {
        Path dir = Path.of(System.getProperty(NODE_DIR_PROPERTY));
        ProcessBuilder builder = new ProcessBuilder("node", script, JSON.writeValueAsString(options))
                .directory(dir.toFile());
        try {
            return new NodeClients(script, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + script, e);
        }
    }

    private void readStdout() {
        int seq = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                try {
                    JsonNode event = JSON.readTree(line);
                    if (event instanceof ObjectNode object) {
                        object.put("seq", seq++);
                        queue.add(object);
                    } else {
                        unparsed.append(line).append('\n');
                    }
                } catch (RuntimeException notJson) {
                    unparsed.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // the process was killed: its output simply ends
        } finally {
            stdoutEnded = true;
        }
    }

    private static void drain(InputStream in, StringBuffer into) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) into.append(line).append('\n');
        } catch (IOException ignored) {
            // the process was killed
        }
    }

    /**
     * The first event (in output order, including events received before this call) that matches and was not
     * returned by an earlier call; fails with the script's output when none arrives within {@code timeout} or
     * the script ends without one.
     */
    JsonNode awaitEvent(Predicate<JsonNode> predicate, Duration timeout) {
        return awaitEvent("a matching event", predicate, timeout);
    }

    JsonNode awaitEvent(String description, Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (history) {
            for (JsonNode event : history) {
                if (!event.has("taken") && predicate.test(event)) return take(event);
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode event;
            try {
                event = queue.poll(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200))), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description, e);
            }
            if (event != null) {
                synchronized (history) {
                    history.add(event);
                }
                if (predicate.test(event)) return take(event);
                continue;
            }
            if (stdoutEnded && queue.isEmpty()) {
                throw new AssertionError(script + " ended without " + description + "\n" + report());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("no " + description + " from " + script + " within " + timeout + "\n" + report());
            }
        }
    }

    private static JsonNode take(JsonNode event) {
        ((ObjectNode) event).put("taken", true);
        return event;
    }

    /** Every event received so far that matches (taken or not), in output order. */
    List<JsonNode> events(Predicate<JsonNode> predicate) {
        synchronized (history) {
            queue.drainTo(history);
            return history.stream().filter(predicate).toList();
        }
    }

    /** Every event so far, the collected stderr and any non-JSON output: for failure messages. */
    String report() {
        StringBuilder text = new StringBuilder("events:\n");
        synchronized (history) {
            queue.drainTo(history);
            history.forEach(event -> text.append("  ").append(event).append('\n'));
        }
        if (!unparsed.isEmpty()) text.append("other stdout:\n").append(unparsed);
        if (!stderr.isEmpty()) text.append("stderr:\n").append(stderr);
        if (!process.isAlive()) text.append("exit code: ").append(process.exitValue()).append('\n');
        return text.toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            stdoutReader.join(2000);
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- predicates for the scripts' events ----

    static Predicate<JsonNode> type(String type) {
        return event -> type.equals(text(event.get("type")));
    }

    static Predicate<JsonNode> type(String type, int round) {
        return type(type).and(event -> event.path("round").isNumber() && event.path("round").asInt() == round);
    }

    /** The subscription payload of a {@code data} event ({@code result.data.data}), or a missing node. */
    static JsonNode variable(JsonNode dataEvent) {
        return dataEvent.path("result").path("data").path("data");
    }

    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
