package io.vakt.it;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of a WAMP client script (node or python) that prints one JSON object per line. Unlike
 * {@link NodeClients}, which takes events off a queue one by one, this keeps every event and lets each test look
 * up the events of its own scenario: one process runs many scenarios, and the tests of one class read its output
 * in any order. Every event gets a {@code seq} field (its position in the output). {@link #close()} kills the
 * process and its children; {@link #kill()} does the same mid-test, to make a client vanish without a GOODBYE.
 */
final class WampClientProcess implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String label;
    private final Process process;
    private final List<JsonNode> events = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final StringBuffer unparsed = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private boolean stdoutEnded;

    private WampClientProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.stdoutReader = Thread.ofPlatform().daemon().name("wamp-stdout-" + label).start(this::readStdout);
        this.stderrReader = Thread.ofPlatform().daemon().name("wamp-stderr-" + label).start(this::readStderr);
    }

    /** Starts {@code command} in {@code directory}; the environment is the test's, minus {@code removeEnv}. */
    static WampClientProcess start(String label, List<String> command, Path directory, Map<String, String> env,
                                   List<String> removeEnv) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        removeEnv.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        try {
            return new WampClientProcess(label, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst() + " for " + label, e);
        }
    }

    static String json(Object value) { return JSON.writeValueAsString(value); }

    private void readStdout() {
        int seq = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode event = null;
                try {
                    event = JSON.readTree(line);
                } catch (RuntimeException notJson) {
                    // falls through to unparsed
                }
                synchronized (events) {
                    if (event instanceof ObjectNode object) {
                        object.put("seq", seq++);
                        events.add(object);
                    } else {
                        unparsed.append(line).append('\n');
                    }
                    events.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process was killed: its output simply ends
        } finally {
            synchronized (events) {
                stdoutEnded = true;
                events.notifyAll();
            }
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) stderr.append(line).append('\n');
        } catch (IOException ignored) {
            // the process was killed
        }
    }

    /**
     * The first event (in output order) that matches, waiting up to {@code timeout}; fails with the whole output
     * when none comes or the process ends without one. Events are not consumed: asking twice gives the same one.
     */
    JsonNode await(String description, Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            int checked = 0;
            while (true) {
                for (; checked < events.size(); checked++) {
                    if (predicate.test(events.get(checked))) return events.get(checked);
                }
                if (stdoutEnded) throw new AssertionError(label + " ended without " + description + "\n" + report());
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + description + " from " + label + " within " + timeout + "\n" + report());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(events, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + description, e);
                }
            }
        }
    }

    /** Every event so far that matches, in output order. */
    List<JsonNode> events(Predicate<JsonNode> predicate) {
        synchronized (events) {
            return events.stream().filter(predicate).toList();
        }
    }

    /** Every event, any non-JSON output and the collected stderr: for failure messages. */
    String report() {
        StringBuilder text = new StringBuilder("output of ").append(label).append(":\n");
        synchronized (events) {
            events.forEach(event -> text.append("  ").append(event).append('\n'));
        }
        if (!unparsed.isEmpty()) text.append("other stdout:\n").append(unparsed);
        if (!stderr.isEmpty()) text.append("stderr:\n").append(tail(stderr.toString(), 6000));
        if (!process.isAlive()) text.append("exit code: ").append(process.exitValue()).append('\n');
        return text.toString();
    }

    /** The last {@code max} characters of stderr (where libraries log), and the exit code once ended. */
    String stderrTail(int max) {
        StringBuilder text = new StringBuilder();
        if (!stderr.isEmpty()) text.append("stderr of ").append(label).append(":\n").append(tail(stderr.toString(), max));
        if (!process.isAlive()) text.append("exit code: ").append(process.exitValue()).append('\n');
        return text.toString();
    }

    private static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }

    /** Kills the client at once (no GOODBYE, no close frame: the router only sees the TCP connection end). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) throw new AssertionError(label + " did not die within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        try {
            stdoutReader.join(2000);
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
