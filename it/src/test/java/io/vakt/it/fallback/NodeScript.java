package io.vakt.it.fallback;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of a node client script of {@code it/src/test/node} printing one JSON object per line; tests wait for
 * events matching a predicate. {@link #close()} kills the process.
 */
final class NodeScript implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private NodeScript(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(this::readEvents);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                stderr.append(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** Skips the test (or fails it with {@code -Dvakt.it.required=true}) when node or the packages are missing. */
    static void assumeInstalled(String... packages) {
        String dir = System.getProperty("vakt.it.node.dir");
        String problem = null;
        if (dir == null) {
            problem = "the system property vakt.it.node.dir (set by the it pom)";
        } else {
            for (String name : packages) {
                if (!Files.isDirectory(Path.of(dir, "node_modules", name))) problem = "the npm package " + name + " (run `npm ci` in it/src/test/node)";
            }
        }
        if (problem == null) return;
        if (Boolean.getBoolean("vakt.it.required")) Assertions.fail("Fallback ITs need " + problem);
        Assumptions.abort("Fallback ITs need " + problem);
    }

    static NodeScript start(String script, Map<String, ?> options) {
        try {
            return new NodeScript(new ProcessBuilder("node", script, JSON.writeValueAsString(options))
                    .directory(Path.of(System.getProperty("vakt.it.node.dir")).toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + script, e);
        }
    }

    private void readEvents() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) events.add(JSON.readTree(line));
            }
        } catch (IOException | RuntimeException ignored) {
            // the process ended or printed something else; the report shows it
        }
    }

    /** The first event matching {@code predicate}, waiting up to {@code timeout}. */
    JsonNode await(String what, Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : events) {
                if (predicate.test(event)) return event;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + what + " within " + timeout + "\n" + report());
    }

    List<JsonNode> events(Predicate<JsonNode> predicate) { return events.stream().filter(predicate).toList(); }

    static Predicate<JsonNode> is(String type, String field, String value) {
        return event -> type.equals(event.path("type").asString()) && value.equals(event.path(field).asString());
    }

    String report() { return "events: " + events + "\nstderr: " + stderr; }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
