package io.vakt.bench.wamp;

import io.vakt.testkit.EmbeddedServer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WAMP benchmarks (see BENCHMARKS.md): starts a server in this JVM on loopback, spreads the sessions over
 * client processes bound to 127.0.0.2, 127.0.0.3, …, and reports routed calls or event deliveries per second
 * with latency percentiles, the server's own {@code vakt_wamp_*} counters and where its CPU went.
 *
 * <pre>
 * ./vakt bench wamp-calls --callees 4 --callers 100 --inflight 4 --serializer msgpack
 * ./vakt bench wamp-events --publishers 1 --rate 1000 --subscribers 1000 --serializer json
 * ./vakt bench ssf-calls --callers 4 --inflight 8 --serializer msgpack     (see {@link SsfCallBench})
 * </pre>
 *
 * Phases: open (at most 150 s), go, warm-up, the measured window, drain (5 s), exit; each one bounded.
 */
public final class WampBench {
    static final String PROCEDURE = "com.bench.echo";
    static final String TOPIC = "com.bench.tick";
    private static final Duration READY_LIMIT = Duration.ofSeconds(150);

    private WampBench() {}

    public static void main(String[] args) throws Exception {
        // ssf-calls has its own flags and client processes, but the launcher reaches every WAMP scenario here
        if (args.length > 0 && args[0].equals(SsfBenchOptions.WORD)) {
            SsfCallBench.main(args);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: ./vakt bench wamp-calls [--callers N] [--callees K] [--inflight M] [common flags]");
            System.err.println("       ./vakt bench wamp-events [--publishers P] [--subscribers S] [--rate R] [common flags]");
            System.err.println("       ./vakt bench ssf-calls [--callers N] [--inflight M] [--max-per-path P] … (its own flags)");
            System.err.println("common: [--payload BYTES] [--serializer msgpack|json] [--processes P] [--duration 30s]"
                    + " [--warmup 10s] [--event-loops N (server)] [--client-loops N]");
            System.exit(2);
            return;
        }
        run(options);
        System.exit(0);
    }

    private static void run(BenchOptions options) throws Exception {
        System.err.printf("bench: %s %s over %d client processes, server with %d event loops%n",
                options.scenario().word, plan(options), options.processes(), options.serverLoops());
        try (EmbeddedServer server = EmbeddedServer.builder().eventLoops(options.serverLoops())
                .accessTokenLifetime(Duration.ofHours(2)).start()) {
            String token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
            URI url = URI.create(server.wampUrl());
            List<ClientProcess> clients = spawn(options, url, token);
            try {
                measure(options, server, token, clients);
            } finally {
                clients.forEach(client -> client.tell("exit"));
                for (ClientProcess client : clients) client.finish(Duration.ofSeconds(15));
            }
        }
    }

    private static void measure(BenchOptions options, EmbeddedServer server, String token, List<ClientProcess> clients)
            throws InterruptedException {
        int open = 0;
        for (ClientProcess client : clients) {
            JsonNode ready = client.await("ready", READY_LIMIT);
            if (ready == null) throw new IllegalStateException("client " + client.index() + " did not get ready");
            System.err.println("bench: client " + ready);
            open += ready.get("sessions").asInt();
        }
        if (open < options.sessions()) {
            System.err.printf("bench: only %d of %d sessions are open; measuring with those%n", open, options.sessions());
        }
        clients.forEach(client -> client.tell("go"));
        Thread.sleep(options.warmup().toMillis());
        Map<String, Double> countersBefore = WampCounters.read(server, token);
        ServerProbe.Snapshot probeBefore = ServerProbe.take();
        MachineLoad.Snapshot machineBefore = MachineLoad.take();
        Thread.sleep(options.duration().toMillis());
        MachineLoad.Snapshot machineAfter = MachineLoad.take();
        ServerProbe.Snapshot probeAfter = ServerProbe.take();
        Map<String, Double> countersAfter = WampCounters.read(server, token);
        double seconds = (probeAfter.wallNanos() - probeBefore.wallNanos()) / 1e9;

        List<JsonNode> results = new ArrayList<>();
        for (ClientProcess client : clients) {
            JsonNode result = client.await("result", Duration.ofSeconds(30));
            if (result == null) {
                System.err.println("bench: client " + client.index() + " sent no result");
            } else {
                results.add(result);
            }
        }
        System.out.printf("%n%s %s, %d of %d sessions open, warm-up %d s, window %d s%n", options.scenario().word,
                plan(options), open, options.sessions(), options.warmup().toSeconds(), options.duration().toSeconds());
        WampReport report = new WampReport(options, results);
        report.print();
        MachineLoad.print(ServerProbe.cores(probeBefore, probeAfter), report.clientCores(), machineBefore, machineAfter);
        System.out.printf("%nserver, over %.1f s:%n", seconds);
        ServerProbe.describe(probeBefore, probeAfter).forEach(line -> System.out.println("  " + line));
        WampCounters.describe(countersBefore, countersAfter, seconds).forEach(line -> System.out.println("  " + line));
    }


    private static List<ClientProcess> spawn(BenchOptions options, URI url, String token) throws IOException {
        List<ClientProcess> clients = new ArrayList<>();
        for (int p = 0; p < options.processes(); p++) {
            ClientOptions share = new ClientOptions(url, token, options.serializer(), "127.0.0." + (2 + p),
                    options.share(options.callees(), p), options.share(options.callers(), p), options.inflight(),
                    options.share(options.publishers(), p), options.share(options.subscribers(), p), options.rate(),
                    options.payload(), PROCEDURE, TOPIC, options.warmup(), options.duration(), options.clientLoops());
            if (share.sessions() > 0) clients.add(ClientProcess.start(p, share));
        }
        return clients;
    }

    private static String plan(BenchOptions options) {
        return switch (options.scenario()) {
            case CALLS -> String.format("%d callees, %d callers × %d in flight, %d B payload, %s", options.callees(),
                    options.callers(), options.inflight(), options.payload(), options.serializer());
            case EVENTS -> String.format("%d publishers × %.0f/s, %d subscribers, %d B payload, %s", options.publishers(),
                    options.rate(), options.subscribers(), options.payload(), options.serializer());
        };
    }
}
