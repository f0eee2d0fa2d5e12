package io.vakt.bench.wamp;

import io.vakt.wamp.serializer.Serializer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One load-generating process of {@code ./vakt bench ssf-calls}, started by {@link SsfCallBench}: opens its
 * callers from one source address, reports {@code ready}, starts calling on {@code go}, measures one window
 * after the warm-up, lets calls in flight come back, reports {@code result} and leaves on {@code exit} — the
 * same protocol as {@link WampLoadClient}, with SSF callers instead of echo callers. Every wait is bounded,
 * and a vanished coordinator (closed stdin) ends the process.
 */
public final class SsfLoadClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration OPEN_LIMIT = Duration.ofSeconds(60);
    private static final Duration GO_LIMIT = Duration.ofMinutes(5);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(60);

    private final SsfClientOptions options;
    private final Serializer serializer;
    private final Measurements measurements = new Measurements();
    private final SsfOutcomes outcomes = new SsfOutcomes();
    private final Opener opener = new Opener();
    private final Vertx vertx;
    private final WebSocketClient client;

    private SsfLoadClient(SsfClientOptions options) {
        this.options = options;
        this.serializer = SerializerChoice.of(options.serializer());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.loops()));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setLocalAddress(options.bind())
                .setMaxConnections(options.callers() + 1)
                .setConnectTimeout(10_000));
    }

    public static void main(String[] args) throws Exception {
        Commands commands = new Commands();
        SsfLoadClient load = new SsfLoadClient(SsfClientOptions.parse(args));
        try {
            load.run(commands);
        } finally {
            load.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private void run(Commands commands) throws Exception {
        List<SsfCaller> callers = opener.open(options.callers(), i -> join().map(session -> new SsfCaller(session,
                options.procedure(), options.path(), options.function(), measurements, outcomes)), OPEN_LIMIT);
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("event", "ready");
        ready.put("bind", options.bind());
        ready.put("sessions", callers.size());
        ready.put("failures", opener.failureCount());
        ready.put("reasons", opener.failureReasons());
        emit(ready);
        if (!commands.await("go", GO_LIMIT)) return;

        callers.forEach(caller -> caller.start(options.inflight()));
        Thread.sleep(options.warmup().toMillis());
        measurements.takeLatency();
        Measurements.Counts before = measurements.counts();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        Thread.sleep(options.duration().toMillis());
        Histogram latency = measurements.takeLatency();
        Measurements.Counts after = measurements.counts();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;

        callers.forEach(SsfCaller::stop);
        awaitAnswers();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("event", "result");
        result.put("seconds", seconds);
        result.put("cpuSeconds", cpuSeconds);
        result.put("window", after.minus(before));
        result.put("unanswered", measurements.counts().outstanding());
        result.put("total", measurements.counts());
        result.put("errorsByUri", outcomes.errorsByUri());
        result.put("wrongResults", outcomes.wrongResults());
        result.put("histogram", Histograms.encode(latency));
        emit(result);

        commands.await("exit", EXIT_LIMIT);
        Future.join(callers.stream().map(caller -> caller.session().leave()).toList())
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void awaitAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (measurements.counts().outstanding() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
    }

    private Future<WampSession> join() {
        return WampSession.join(vertx, client, options.url(), serializer, options.authid(), measurements);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void emit(Map<String, Object> event) {
        System.out.println(JSON.writeValueAsString(event));
        System.out.flush();
    }
}
