package io.vakt.bench.wamp;

import io.vakt.core.path.NodePaths;
import io.vakt.scripting.SsfConfig;
import io.vakt.server.config.VaktConfig;
import io.vakt.testkit.EmbeddedServer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trivial ServerSideFunction calls end to end over WAMP (see BENCHMARKS.md): starts a server on the demo
 * building in this JVM, and client processes whose sessions keep calls of the demo's {@code add} outstanding
 * through {@code accounts.demo.services.ssf.execute}. Reports calls/s and the round trip CALL → RESULT with
 * percentiles, the SSF runtime's own counters (time inside the JavaScript worker against the whole round
 * trip), the router's, and where the server's CPU went. The same call shape to an in-process echo is what
 * {@code wamp-calls} measures; the difference between the two is the cost of running JavaScript.
 *
 * <pre>
 * ./vakt bench ssf-calls --callers 4 --inflight 8 --serializer json --max-per-path 4
 * </pre>
 *
 * Phases: open (at most 60 s), go, warm-up, the measured window, drain (5 s), exit; each one bounded.
 */
public final class SsfCallBench {
    static final String ACCOUNT = "demo";
    static final String PROCEDURE = "accounts." + ACCOUNT + ".services.ssf.execute";
    /** The demo view whose {@code Overview.ssf.js} exports {@code add}. */
    static final String OWNER = "Landskrona.Ventilation.Overview.File";
    static final String FUNCTION = "add";
    private static final Duration READY_LIMIT = Duration.ofSeconds(90);

    private SsfCallBench() {}

    public static void main(String[] args) throws Exception {
        SsfBenchOptions options;
        try {
            options = SsfBenchOptions.parse(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: ./vakt bench ssf-calls [--callers N] [--inflight M] [--serializer msgpack|json]"
                    + " [--contexts K] [--max-per-path P] [--processes P] [--duration 20s] [--warmup 30s]"
                    + " [--progress 5s] [--event-loops N (server)] [--client-loops N]");
            System.exit(2);
            return;
        }
        run(options);
        System.exit(0);
    }

    private static void run(SsfBenchOptions options) throws Exception {
        EmbeddedServer.Builder builder = EmbeddedServer.builder().eventLoops(options.serverLoops())
                .accessTokenLifetime(Duration.ofHours(2)).configure(config -> pool(config, options));
        try (EmbeddedServer server = builder.start()) {
            SsfConfig ssf = server.server().config().ssf().runtime();
            String pool = ssf.contexts() + " / " + ssf.maxConcurrentPerPath();
            System.err.printf("bench: ssf-calls %s, %d sessions × %d in flight, %s, SSF contexts / per path %s,"
                            + " %d client processes, server with %d event loops, warm-up %d s, window %d s%n",
                    FUNCTION, options.callers(), options.inflight(), options.serializer(), pool, options.processes(),
                    options.serverLoops(), options.warmup().toSeconds(), options.duration().toSeconds());
            String token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
            List<ClientProcess> clients = spawn(options, URI.create(server.wampUrl()), token);
            try {
                measure(options, pool, server, token, clients);
            } finally {
                clients.forEach(client -> client.tell("exit"));
                for (ClientProcess client : clients) client.finish(Duration.ofSeconds(15));
            }
        }
    }

    /** Only the pool settings named on the command line change; the rest stays as the server ships. */
    private static VaktConfig pool(VaktConfig config, SsfBenchOptions options) {
        VaktConfig changed = config;
        if (options.contexts() > 0) changed = changed.withSsf(changed.ssf().withContexts(options.contexts()));
        if (options.maxPerPath() > 0) changed = changed.withSsf(changed.ssf().withMaxConcurrentPerPath(options.maxPerPath()));
        return changed;
    }

    private static void measure(SsfBenchOptions options, String pool, EmbeddedServer server, String token,
                                List<ClientProcess> clients) throws InterruptedException {
        int open = 0;
        for (ClientProcess client : clients) {
            JsonNode ready = client.await("ready", READY_LIMIT);
            if (ready == null) throw new IllegalStateException("client " + client.index() + " did not get ready");
            System.err.println("bench: client " + ready);
            open += ready.get("sessions").asInt();
        }
        if (open < options.callers()) {
            System.err.printf("bench: only %d of %d sessions are open; measuring with those%n", open, options.callers());
        }
        SsfProgress progress = new SsfProgress(server, token, options.progress());
        clients.forEach(client -> client.tell("go"));
        progress.await("warm-up", options.warmup());
        SsfCounters.Reading ssfBefore = SsfCounters.read(server, token);
        Map<String, Double> wampBefore = WampCounters.read(server, token);
        ServerProbe.Snapshot probeBefore = ServerProbe.take();
        MachineLoad.Snapshot machineBefore = MachineLoad.take();
        progress.await("window ", options.duration());
        MachineLoad.Snapshot machineAfter = MachineLoad.take();
        ServerProbe.Snapshot probeAfter = ServerProbe.take();
        Map<String, Double> wampAfter = WampCounters.read(server, token);
        SsfCounters.Reading ssfAfter = SsfCounters.read(server, token);
        double seconds = (probeAfter.wallNanos() - probeBefore.wallNanos()) / 1e9;

        List<JsonNode> results = new ArrayList<>();
        for (ClientProcess client : clients) {
            JsonNode result = client.await("result", Duration.ofSeconds(30));
            if (result == null) System.err.println("bench: client " + client.index() + " sent no result");
            else results.add(result);
        }
        System.out.printf("%nssf-calls %s over %s, %d of %d sessions open × %d in flight, SSF contexts / per path %s,"
                        + " warm-up %d s, window %d s%n", FUNCTION, options.serializer(), open, options.callers(),
                options.inflight(), pool, options.warmup().toSeconds(), options.duration().toSeconds());
        SsfReport report = new SsfReport(results);
        report.print(options.serializer(), pool, options.callers(), options.inflight());
        MachineLoad.print(ServerProbe.cores(probeBefore, probeAfter), report.clientCores(), machineBefore, machineAfter);
        System.out.printf("%nserver, over %.1f s:%n", seconds);
        System.out.printf("  SSF runtime: %,.0f calls/s finished, %.0f µs wall and %.0f µs CPU per call in the JS worker,"
                        + " %,.1f errors/s, %,.1f limit stops/s%n",
                ssfAfter.perSecondSince(ssfBefore, "vakt_ssf_calls_total"),
                ssfAfter.microsPerCallSince(ssfBefore, "vakt_ssf_call_seconds_total"),
                ssfAfter.microsPerCallSince(ssfBefore, "vakt_ssf_cpu_seconds_total"),
                ssfAfter.perSecondSince(ssfBefore, "vakt_ssf_call_errors_total"),
                ssfAfter.perSecondSince(ssfBefore, "vakt_ssf_limit_stops_total"));
        ServerProbe.describe(probeBefore, probeAfter).forEach(line -> System.out.println("  " + line));
        WampCounters.describe(wampBefore, wampAfter, seconds).forEach(line -> System.out.println("  " + line));
    }


    private static List<ClientProcess> spawn(SsfBenchOptions options, URI url, String token) throws IOException {
        String path = NodePaths.encode(OWNER);
        List<ClientProcess> clients = new ArrayList<>();
        for (int p = 0; p < options.processes(); p++) {
            SsfClientOptions share = new SsfClientOptions(url, token, options.serializer(), "127.0.0." + (2 + p),
                    options.share(p), options.inflight(), PROCEDURE, path, FUNCTION, options.warmup(),
                    options.duration(), options.clientLoops());
            clients.add(ClientProcess.start(p, SsfLoadClient.class, "512m", share.toArgs()));
        }
        return clients;
    }
}
