package io.vakt.bench;

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
import java.util.concurrent.CompletableFuture;

/**
 * The load test: starts a server on the bench project in this JVM, then N sessions spread over several
 * client processes, each bound to its own 127.0.0.x source address (one process holds at most ~19k sockets).
 * Reports delivered updates per second, latency from driver sample to client receipt (p50/p99/p99.9/max), and
 * the server's heap per session.
 *
 * <pre>./vakt bench --sessions 2000 --processes 2 --points 20 --duration 30s</pre>
 */
public final class LoadGenerator {
    private static final int MAX_SESSIONS_PER_PROCESS = 9_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "1000"));
        int processes = Integer.parseInt(options.getOrDefault("processes", "2"));
        int points = Integer.parseInt(options.getOrDefault("points", "20"));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "30s").replace("s", "")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5s").replace("s", "")));
        String interval = options.getOrDefault("interval", "1s");
        double rate = Double.parseDouble(options.getOrDefault("rate", "1"));
        int eventLoops = Integer.parseInt(options.getOrDefault("event-loops", "2"));
        if (sessions / processes > MAX_SESSIONS_PER_PROCESS) {
            throw new IllegalArgumentException("at most " + MAX_SESSIONS_PER_PROCESS + " sessions per process: use more --processes");
        }
        if (processes > 250) throw new IllegalArgumentException("at most 250 processes (127.0.0.2 … 127.0.0.251)");

        Path project = BenchProject.write(Files.createTempDirectory("vakt-bench-project-"), points, interval);
        System.err.printf("bench: %d sessions over %d processes, %d points each changing every %s, throttle %s/s, %d event loops%n",
                sessions, processes, points, interval, rate, eventLoops);
        try (EmbeddedServer server = EmbeddedServer.builder().project(project).eventLoops(eventLoops)
                .accessTokenLifetime(Duration.ofHours(2)).maxUpdatesPerSecond(rate).start()) {
            ApiClient.Tokens tokens = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
            long heapBefore = usedHeapAfterGc();
            List<Process> children = new ArrayList<>();
            List<CompletableFuture<List<JsonNode>>> outputs = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                int share = sessions / processes + (p < sessions % processes ? 1 : 0);
                Process child = new ProcessBuilder(ClientProcesses.javaCommand(LoadClient.class, List.of("--url", server.graphqlWsUrl(),
                        "--token", tokens.authToken(), "--path", NodePaths.encode(BenchProject.NODE_PATH_DOTTED),
                        "--sessions", Integer.toString(share), "--bind", "127.0.0." + (2 + p),
                        "--warmup-ms", Long.toString(warmup.toMillis()), "--duration-ms", Long.toString(duration.toMillis()))))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                children.add(child);
                // one thread per child: the common pool has a single thread on two cores, and every reader blocks
                CompletableFuture<List<JsonNode>> output = new CompletableFuture<>();
                Thread.ofPlatform().daemon().name("bench-client-" + p).start(() -> output.complete(ClientProcesses.readLines(child, event -> {
                        if ("subscribed".equals(event.path("event").asString())) subscribedReports.incrementAndGet();
                    })));
                outputs.add(output);
            }
            awaitSubscribed(outputs, server, sessions, Duration.ofSeconds(150));
            long heapWithSessions = usedHeapAfterGc();
            Map<String, Double> countersBefore = ServerCounters.read(server, tokens.authToken());
            long countersBeforeNanos = System.nanoTime();
            List<JsonNode> results = ClientProcesses.measure(children, outputs, duration.plus(warmup).plusSeconds(240));
            Map<String, Double> countersAfter = ServerCounters.read(server, tokens.authToken());
            double counterSeconds = (System.nanoTime() - countersBeforeNanos) / 1e9;
            children.forEach(Process::destroy);
            report(results, sessions, processes, points, interval, rate, heapBefore, heapWithSessions);
            ServerCounters.report(countersBefore, countersAfter, counterSeconds);
        }
    }

    /** Waits until every client process has reported its sessions subscribed (or given up). */
    private static void awaitSubscribed(List<CompletableFuture<List<JsonNode>>> outputs, EmbeddedServer server,
                                        int sessions, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (subscribedReports.get() < outputs.size() && System.nanoTime() < deadline) Thread.sleep(100);
        System.err.printf("bench: %d sessions open on the server%n", server.server().openSessions());
    }

    private static final java.util.concurrent.atomic.AtomicInteger subscribedReports = new java.util.concurrent.atomic.AtomicInteger();

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(List<JsonNode> events, int sessions, int processes, int points, String interval, double rate,
                               long heapBefore, long heapWithSessions) throws Exception {
        ClientProcesses.Results results = ClientProcesses.Results.of(events);
        Histogram latency = results.latency();
        int connected = results.connected();
        double perSecond = results.perSecond();
        double expected = results.expectedPerSecond(points, interval, rate);
        long heapPerSession = connected == 0 ? 0 : (heapWithSessions - heapBefore) / connected;
        System.out.println();
        System.out.println("| sessions | processes | points/session | delivered updates/s | expected/s | latency p50 | p99 | p99.9 | max | heap/session |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %d of %d | %d | %d | %.0f | %.0f | %d ms | %d ms | %d ms | %d ms | %.1f KiB |%n",
                connected, sessions, processes, points, perSecond, expected,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9),
                latency.getMaxValue(), heapPerSession / 1024.0);
        System.out.printf("%nmeasured %d updates over %.1f s; %d connection failures; server heap %.1f MiB before, %.1f MiB with sessions%n",
                results.measured(), results.seconds(), results.failures(), heapBefore / 1048576.0, heapWithSessions / 1048576.0);
    }
}
