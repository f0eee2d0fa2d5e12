package io.vakt.bench;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The coordinator's side of {@link ClientMeasurement}: starting client JVMs, reading their lines, adding up results. */
public final class ClientProcesses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ClientProcesses() {}

    /** The command that runs {@code main} in a small client JVM on this JVM's class path. */
    public static List<String> javaCommand(Class<?> main, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        return command;
    }

    /** Every JSON line of a client until it exits; {@code onEvent} sees each as it comes. */
    public static List<JsonNode> readLines(Process child, Consumer<JsonNode> onEvent) {
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (!line.startsWith("{")) continue;
                JsonNode event = JSON.readTree(line);
                lines.add(event);
                if ("subscribed".equals(event.path("event").asString())) System.err.println("bench: client " + line);
                onEvent.accept(event);
            }
        } catch (IOException e) {
            System.err.println("bench: a client process failed: " + e);
        }
        return lines;
    }

    /**
     * Lets every client start its warm-up and measuring window, then collects all their lines.
     *
     * @param limit how long to wait for the clients' results, warm-up and window included
     */
    public static List<JsonNode> measure(List<Process> children, List<java.util.concurrent.CompletableFuture<List<JsonNode>>> outputs,
                                         java.time.Duration limit) throws Exception {
        for (Process child : children) {
            child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (java.util.concurrent.CompletableFuture<List<JsonNode>> output : outputs) {
            lines.addAll(output.get(limit.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        }
        return lines;
    }

    /** The clients' {@code result} lines added up. */
    public record Results(Histogram latency, long messages, long measured, double seconds, int connected, int failures,
                          int ended) {
        public static Results of(List<JsonNode> events) throws java.util.zip.DataFormatException {
            Histogram latency = new Histogram(3_600_000L, 3);
            long messages = 0;
            long measured = 0;
            double seconds = 0;
            int connected = 0;
            int failures = 0;
            int ended = 0;
            for (JsonNode event : events) {
                if (!"result".equals(event.path("event").asString())) continue;
                latency.add(ClientMeasurement.decode(event.get("histogram").asString()));
                messages += event.get("messages").asLong();
                measured += event.get("measured").asLong();
                seconds = Math.max(seconds, event.get("seconds").asDouble());
                connected += event.get("sessions").asInt();
                failures += event.get("failures").asInt();
                ended += event.path("ended").asInt();
            }
            return new Results(latency, messages, measured, seconds, connected, failures, ended);
        }

        public double perSecond() { return seconds == 0 ? 0 : messages / seconds; }

        /** Updates per second the clients should get: every point of every session at its interval, capped by the throttle. */
        public double expectedPerSecond(int points, String interval, double rate) {
            return (double) connected * points * Math.min(rate == 0 ? Double.MAX_VALUE : rate, 1000.0 / millis(interval));
        }

        private static long millis(String interval) {
            if (interval.endsWith("ms")) return Long.parseLong(interval.substring(0, interval.length() - 2));
            if (interval.endsWith("s")) return Long.parseLong(interval.substring(0, interval.length() - 1)) * 1000;
            return Long.parseLong(interval);
        }
    }
}
