package io.vakt.bench.sse;

import io.vakt.bench.Args;
import io.vakt.bench.ClientProcesses;
import io.vakt.bench.BenchProject;
import io.vakt.bench.ServerCounters;
import io.vakt.core.path.NodePaths;
import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live values over the fallback transport: the live-values bench's server and project, with its
 * subscription carried by GraphQL over Server-Sent Events (graphql-sse, single connection mode, at
 * {@code /arrigo/api/graphql/stream}) instead of the GraphQL WebSocket. Reports delivered updates per second,
 * latency from driver sample to client receipt (p50/p99/p99.9/max) and the server JVM's CPU over the window.
 *
 * <pre>./vakt bench sse-values --clients 1000 --points 20 --seconds 30</pre>
 */
public final class SseValuesBench {
    private static final int MAX_CLIENTS = 2_000;
    private static final Set<String> FLAGS = Set.of("clients", "sessions", "processes", "points", "seconds", "duration",
            "warmup", "interval", "rate", "event-loops", "help");
    private static final String USAGE = """
            ./vakt bench sse-values [--clients N] [--seconds S] [--points P] [--processes K] [--warmup S]
                                    [--interval 1s] [--rate 1] [--event-loops 2]
              --clients N      graphql-sse streams (single connection mode), at most 2000 (default 200; --sessions is the same)
              --seconds S      measured window in seconds (default 30; --duration 30s is the same)
              --points P       points per stream, all in the subscribed list (default 20)
              --processes K    client JVMs, bound to 127.0.0.2, 127.0.0.3, … (default 1)
              --warmup S       seconds between all streams subscribed and the window (default 5)
              --interval I     how often each point changes (default 1s)
              --rate R         the server's throttle, updates per second per variable (default 1)
              --event-loops N  the server's event loops (default 2)
            Same server and project as the live-values bench (./vakt bench live-values), for a side-by-side comparison.""";

    private static final AtomicInteger subscribedReports = new AtomicInteger();
    private static final AtomicLong measuringCpu = new AtomicLong(-1);
    private static final AtomicLong measuringNanos = new AtomicLong();
    private static final AtomicLong resultCpu = new AtomicLong(-1);
    private static final AtomicLong resultNanos = new AtomicLong();

    private SseValuesBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        for (String name : options.keySet()) {
            if (!FLAGS.contains(name)) throw new IllegalArgumentException("unknown flag --" + name + "\n" + USAGE);
        }
        int clients = Integer.parseInt(options.getOrDefault("clients", options.getOrDefault("sessions", "200")));
        int processes = Integer.parseInt(options.getOrDefault("processes", "1"));
        int points = Integer.parseInt(options.getOrDefault("points", "20"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", options.getOrDefault("duration", "30")).replace("s", ""));
        long warmup = Long.parseLong(options.getOrDefault("warmup", "5").replace("s", ""));
        String interval = options.getOrDefault("interval", "1s");
        double rate = Double.parseDouble(options.getOrDefault("rate", "1"));
        int eventLoops = Integer.parseInt(options.getOrDefault("event-loops", "2"));
        if (clients < 1 || clients > MAX_CLIENTS) throw new IllegalArgumentException("--clients must be 1 … " + MAX_CLIENTS);
        if (processes < 1 || processes > 8) throw new IllegalArgumentException("--processes must be 1 … 8");
        if (seconds < 1 || seconds > 600 || warmup < 0 || warmup > 120) {
            throw new IllegalArgumentException("--seconds must be 1 … 600 and --warmup 0 … 120");
        }

        Path project = BenchProject.write(Files.createTempDirectory("vakt-bench-project-"), points, interval);
        System.err.printf("bench: %d graphql-sse streams over %d processes, %d points each changing every %s, throttle %s/s, %d event loops%n",
                clients, processes, points, interval, rate, eventLoops);
        try (EmbeddedServer server = EmbeddedServer.builder().project(project).eventLoops(eventLoops)
                .accessTokenLifetime(Duration.ofHours(2)).maxUpdatesPerSecond(rate).start()) {
            ApiClient.Tokens tokens = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
            List<Process> children = new ArrayList<>();
            List<CompletableFuture<List<JsonNode>>> outputs = new ArrayList<>();
            try {
                for (int p = 0; p < processes; p++) {
                    int share = clients / processes + (p < clients % processes ? 1 : 0);
                    Process child = new ProcessBuilder(ClientProcesses.javaCommand(SseClient.class, List.of("--url", server.apiUrl() + "/graphql/stream",
                            "--token", tokens.authToken(), "--path", NodePaths.encode(BenchProject.NODE_PATH_DOTTED),
                            "--clients", Integer.toString(share), "--bind", "127.0.0." + (2 + p),
                            "--warmup-ms", Long.toString(warmup * 1000), "--duration-ms", Long.toString(seconds * 1000))))
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    children.add(child);
                    CompletableFuture<List<JsonNode>> output = new CompletableFuture<>();
                    Thread.ofPlatform().daemon().name("bench-sse-client-" + p).start(() -> output.complete(ClientProcesses.readLines(child, SseValuesBench::onClientEvent)));
                    outputs.add(output);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                while (subscribedReports.get() < processes && System.nanoTime() < deadline) Thread.sleep(100);
                Map<String, Double> countersBefore = ServerCounters.read(server, tokens.authToken());
                long countersBeforeNanos = System.nanoTime();
                List<JsonNode> results = ClientProcesses.measure(children, outputs, Duration.ofSeconds(seconds + warmup + 240));
                Map<String, Double> countersAfter = ServerCounters.read(server, tokens.authToken());
                double counterSeconds = (System.nanoTime() - countersBeforeNanos) / 1e9;
                report(results, clients, processes, points, interval, rate);
                ServerCounters.report(countersBefore, countersAfter, counterSeconds);
            } finally {
                children.forEach(Process::destroy);
            }
        }
    }

    /** The coordinating JVM runs the server: its process CPU is the server's (plus an idle coordinator). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Counts the clients' reports, and reads the server's CPU time when the measuring window opens and closes. */
    private static void onClientEvent(JsonNode event) {
        switch (event.path("event").asString()) {
            case "subscribed" -> subscribedReports.incrementAndGet();
            case "measuring" -> {
                if (measuringCpu.compareAndSet(-1, processCpuNanos())) measuringNanos.set(System.nanoTime());
            }
            case "result" -> {
                if (resultCpu.compareAndSet(-1, processCpuNanos())) resultNanos.set(System.nanoTime());
            }
            default -> { }
        }
    }

    private static void report(List<JsonNode> events, int clients, int processes, int points, String interval, double rate)
            throws Exception {
        ClientProcesses.Results results = ClientProcesses.Results.of(events);
        Histogram latency = results.latency();
        double serverCores = measuringCpu.get() < 0 || resultCpu.get() < 0 ? Double.NaN
                : (resultCpu.get() - measuringCpu.get()) / (double) (resultNanos.get() - measuringNanos.get());
        System.out.println();
        System.out.println("| transport | clients | processes | points/client | delivered updates/s | expected/s | latency p50 | p99 | p99.9 | max | server JVM CPU |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| graphql-sse | %d of %d | %d | %d | %.0f | %.0f | %d ms | %d ms | %d ms | %d ms | %.2f cores |%n",
                results.connected(), clients, processes, points, results.perSecond(),
                results.expectedPerSecond(points, interval, rate),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9),
                latency.getMaxValue(), serverCores);
        System.out.printf("%nmeasured %d updates over %.1f s; %d connection failures; %d streams ended early%n",
                results.measured(), results.seconds(), results.failures(), results.ended());
    }
}
