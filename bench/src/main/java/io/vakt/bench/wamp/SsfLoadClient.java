package io.vakt.bench.wamp;

import io.vakt.wamp.serializer.Serializer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.time.Duration;
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
        Map<String, Object> ready = LoadWindow.ready(options.bind(), callers.size(), opener);
        LoadWindow.emit(ready);
        if (!commands.await("go", GO_LIMIT)) return;

        callers.forEach(caller -> caller.start(options.inflight()));
        LoadWindow window = LoadWindow.measure(measurements, options.warmup(), options.duration());

        callers.forEach(SsfCaller::stop);
        LoadWindow.awaitAnswers(measurements, DRAIN_LIMIT);
        Map<String, Object> result = window.result();
        result.put("unanswered", measurements.counts().outstanding());
        result.put("total", measurements.counts());
        result.put("errorsByUri", outcomes.errorsByUri());
        result.put("wrongResults", outcomes.wrongResults());
        result.put("histogram", Histograms.encode(window.latency()));
        LoadWindow.emit(result);

        commands.await("exit", EXIT_LIMIT);
        Future.join(callers.stream().map(caller -> caller.session().leave()).toList())
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Future<WampSession> join() {
        return WampSession.join(vertx, client, options.url(), serializer, options.authid(), measurements);
    }
}
