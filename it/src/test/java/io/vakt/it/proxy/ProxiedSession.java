package io.vakt.it.proxy;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One run of {@code proxy/clients/proxied-session.mjs}: a real npm client library holding a session through a
 * proxy, driven in two phases (see the script's header). The script lives with the proxy resources; it is copied
 * into the work folder next to a link to {@code it/src/test/node/node_modules}, so its imports resolve to the
 * pinned packages there. Events are JSON lines; {@link #await} waits for one, {@link #check()} starts phase 2.
 */
final class ProxiedSession implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SCRIPT = "proxied-session.mjs";

    private final String label;
    private final Process process;
    private final List<JsonNode> events = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private volatile boolean stdoutEnded;

    private ProxiedSession(String label, Process process) {
        this.label = label;
        this.process = process;
        Thread.ofPlatform().daemon().name("proxied-" + label).start(this::readEvents);
        Thread.ofPlatform().daemon().name("proxied-err-" + label).start(this::readStderr);
    }

    /** Node >= 20 and the npm packages installed; else skip, or fail when vakt.it.required=true. */
    static void assumeNodeClients() {
        String dir = System.getProperty("vakt.it.node.dir");
        String missing = null;
        if (dir == null || dir.isBlank()) {
            missing = "the system property vakt.it.node.dir (set by the it pom)";
        } else {
            for (String name : List.of("graphql-ws", "subscriptions-transport-ws", "autobahn", "ws")) {
                if (!Files.isDirectory(Path.of(dir, "node_modules", name))) {
                    missing = "the npm package " + name + " (run `npm ci` in it/src/test/node)";
                }
            }
        }
        if (missing == null) missing = nodeProblem();
        if (missing == null) return;
        String message = "The proxied-session tests need " + missing;
        if (Boolean.getBoolean("vakt.it.required")) Assertions.fail(message + "; failing because vakt.it.required=true");
        Assumptions.abort(message + "; skipped (set VAKT_IT_REQUIRED=1 to make this a failure)");
    }

    /** Why {@code node --version} does not show Node.js 20 or newer, or null when it does. */
    private static String nodeProblem() {
        try {
            Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!version.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                version.destroyForcibly();
                return "a working `node` (node --version did not answer within 10 s)";
            }
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int major = Integer.parseInt(text.replaceFirst("^v", "").split("\\.")[0]);
            return major >= 20 ? null : "Node.js >= 20 (found " + text + ")";
        } catch (IOException | NumberFormatException e) {
            return "the `node` executable (Node.js >= 20) on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "an uninterrupted check for `node`";
        }
    }

    /**
     * Starts the script in {@code workDir}.
     *
     * @param trustedCa a PEM certificate node must trust for wss (NODE_EXTRA_CA_CERTS), or null
     */
    static ProxiedSession start(String label, Path workDir, Map<String, Object> options, Path trustedCa) {
        Path nodeDir = Path.of(System.getProperty("vakt.it.node.dir")).toAbsolutePath();
        try {
            Files.createDirectories(workDir);
            Path modules = workDir.resolve("node_modules");
            if (!Files.exists(modules, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(modules, nodeDir.resolve("node_modules"));
            }
            Files.writeString(workDir.resolve(SCRIPT), ProxyResources.text("proxy/clients/" + SCRIPT));
            ProcessBuilder builder = new ProcessBuilder("node", SCRIPT, JSON.writeValueAsString(options))
                    .directory(workDir.toFile());
            if (trustedCa != null) builder.environment().put("NODE_EXTRA_CA_CERTS", trustedCa.toAbsolutePath().toString());
            return new ProxiedSession(label, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + label + " client", e);
        }
    }

    String label() { return label; }

    private void readEvents() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (RuntimeException notJson) {
                    stderr.append("stdout: ").append(line).append('\n');
                    continue;
                }
                synchronized (events) {
                    events.add(event);
                    events.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            stdoutEnded = true;
            synchronized (events) {
                events.notifyAll();
            }
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) stderr.append(line).append('\n');
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** The first event of this type; fails with everything the client said when it does not come in time. */
    JsonNode await(String type, Duration timeout) {
        Predicate<JsonNode> wanted = event -> type.equals(event.path("type").asString(""));
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (JsonNode event : events) {
                    if (wanted.test(event)) return event;
                    if ("failed".equals(event.path("type").asString(""))) {
                        throw new AssertionError(label + " failed instead of sending '" + type + "'\n" + report());
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError(label + ": no '" + type + "' within " + timeout + "\n" + report());
                if (stdoutEnded) {
                    throw new AssertionError(label + " ended without '" + type + "'\n" + report());
                }
                try {
                    events.wait(Math.min(200, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Every event of this type so far. */
    List<JsonNode> all(String type) {
        synchronized (events) {
            return events.stream().filter(event -> type.equals(event.path("type").asString(""))).toList();
        }
    }

    /** Starts phase 2 (the script reads the line "check"). */
    void check() {
        try {
            Writer stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            stdin.write("check\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(label + " no longer reads its stdin\n" + report(), e);
        }
    }

    String report() {
        StringBuilder text = new StringBuilder("--- ").append(label).append(" events ---\n");
        synchronized (events) {
            events.forEach(event -> text.append("  ").append(event).append('\n'));
        }
        if (!stderr.isEmpty()) text.append("--- stderr ---\n").append(stderr);
        if (!process.isAlive()) text.append("exit code ").append(process.exitValue()).append('\n');
        return text.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
