package io.vakt.bench.wamp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One load-client JVM ({@link WampLoadClient}, {@link SsfLoadClient}) as the coordinator sees it: its JSON
 * events in, its commands out.
 */
final class ClientProcess {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int index;
    private final Process process;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private ClientProcess(int index, Process process) {
        this.index = index;
        this.process = process;
        // one reader thread per process: every reader blocks, and the common pool has one thread on two cores
        Thread.ofPlatform().daemon().name("bench-client-" + index).start(this::read);
    }

    static ClientProcess start(int index, ClientOptions options) throws IOException {
        return start(index, WampLoadClient.class, "1g", options.toArgs());
    }

    /**
     * Starts {@code main} on this JVM's class path with {@code args}.
     *
     * @param heap the client's {@code -Xmx}: a client keeps only sockets and histograms
     */
    static ClientProcess start(int index, Class<?> main, String heap, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return new ClientProcess(index, new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    int index() { return index; }

    /** The next event named {@code name}, or null when none came within the limit. */
    JsonNode await(String name, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) return null;
            if (name.equals(event.path("event").asString())) return event;
        }
    }

    void tell(String word) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((word + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            System.err.println("bench: client " + index + " is gone: " + e.getMessage());
        }
    }

    /** Waits for the process to leave by itself, then ends it. */
    void finish(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("{")) events.add(JSON.readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: reading client " + index + " failed: " + e);
        }
    }
}
