package io.vakt.bench.wamp;

import io.vakt.wamp.serializer.Serializer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One load-generating process of the WAMP benchmarks, started by {@link WampBench}: opens its share of
 * callees, subscribers, callers and publishers from one source address, reports {@code ready}, starts the load
 * on {@code go}, measures one window after the warm-up, lets calls in flight come back, reports {@code result}
 * and leaves on {@code exit}. Events go to stdout as one JSON object per line, progress to stderr. Every wait
 * is bounded, and a vanished coordinator (closed stdin) ends the process.
 */
public final class WampLoadClient {
    private static final Duration OPEN_LIMIT = Duration.ofSeconds(120);
    private static final Duration GO_LIMIT = Duration.ofMinutes(5);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);
    private static final Duration NUDGE_LIMIT = Duration.ofSeconds(1);
    private static final int NUDGE_ROUNDS = 3;
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(60);

    private final ClientOptions options;
    private final Serializer serializer;
    private final Measurements measurements = new Measurements();
    private final Opener opener = new Opener();
    private final Vertx vertx;
    private final WebSocketClient client;

    private WampLoadClient(ClientOptions options) {
        this.options = options;
        this.serializer = SerializerChoice.of(options.serializer());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.loops()));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setLocalAddress(options.bind())
                .setMaxConnections(options.sessions() + 1)
                .setMaxFrameSize(2 << 20)
                .setMaxMessageSize(4 << 20)
                .setConnectTimeout(10_000));
    }

    public static void main(String[] args) throws Exception {
        Commands commands = new Commands();
        WampLoadClient load = new WampLoadClient(ClientOptions.parse(args));
        try {
            load.run(commands);
        } finally {
            load.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private void run(Commands commands) throws Exception {
        String padding = "x".repeat(options.payload());
        long openStart = System.nanoTime();
        List<EchoCallee> callees = opener.open(options.callees(),
                i -> join().compose(session -> EchoCallee.register(session, options.procedure(), measurements)), OPEN_LIMIT);
        List<LatencySubscriber> subscribers = opener.open(options.subscribers(),
                i -> join().compose(session -> LatencySubscriber.subscribe(session, options.topic(), measurements)), OPEN_LIMIT);
        List<ClosedLoopCaller> callers = opener.open(options.callers(),
                i -> join().map(session -> new ClosedLoopCaller(session, options.procedure(), padding, measurements)), OPEN_LIMIT);
        List<RatePublisher> publishers = opener.open(options.publishers(),
                i -> join().map(session -> new RatePublisher(session, options.topic(), padding, options.rate(), measurements)), OPEN_LIMIT);
        List<WampSession> sessions = new ArrayList<>();
        callees.forEach(callee -> sessions.add(callee.session()));
        subscribers.forEach(subscriber -> sessions.add(subscriber.session()));
        callers.forEach(caller -> sessions.add(caller.session()));
        publishers.forEach(publisher -> sessions.add(publisher.session()));

        Map<String, Object> ready = LoadWindow.ready(options.bind(), sessions.size(), opener);
        ready.put("openMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openStart));
        LoadWindow.emit(ready);
        if (!commands.await("go", GO_LIMIT)) return;

        callers.forEach(caller -> caller.start(options.inflight()));
        publishers.forEach(publisher -> publisher.start(vertx));
        LoadWindow window = LoadWindow.measure(measurements, options.warmup(), options.duration());

        callers.forEach(ClosedLoopCaller::stop);
        publishers.forEach(RatePublisher::stop);
        LoadWindow.awaitAnswers(measurements, DRAIN_LIMIT);
        long unanswered = measurements.counts().outstanding();
        // a nudge can strand a frame of its own the same way (two answers back to back), so a few rounds
        for (int round = 0; round < NUDGE_ROUNDS && measurements.counts().outstanding() > 0; round++) {
            callers.forEach(ClosedLoopCaller::nudge);
            LoadWindow.awaitAnswers(measurements, NUDGE_LIMIT);
        }

        Map<String, Object> result = window.result();
        result.put("unanswered", unanswered);
        result.put("unansweredAfterNudge", unanswered == 0 ? 0 : measurements.counts().outstanding());
        result.put("total", measurements.counts());
        result.put("histogram", Histograms.encode(window.latency()));
        LoadWindow.emit(result);

        commands.await("exit", EXIT_LIMIT);
        Future.join(sessions.stream().map(WampSession::leave).toList())
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Future<WampSession> join() {
        return WampSession.join(vertx, client, options.url(), serializer, options.authid(), measurements);
    }
}
