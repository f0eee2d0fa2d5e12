package io.vakt.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One load-generating process: opens N sessions from one local address with the legacy {@code graphql-ws}
 * protocol (what ArrigoLocal clients speak), subscribes each to the bench list, and records for every
 * update the time from the driver's sample to its receipt. Prints progress to stderr and one JSON result line
 * to stdout. Started by {@link LoadGenerator}; every phase is bounded in time.
 */
public final class LoadClient {
    private final Options options;
    private final ClientMeasurement measurement = new ClientMeasurement();

    private LoadClient(Options options) { this.options = options; }

    record Options(URI url, String token, String path, int sessions, String bind, long warmupMs, long durationMs,
                   int concurrentConnects) {
        static Options parse(String[] args) {
            Map<String, String> values = Args.parse(args);
            return new Options(URI.create(values.get("url")), values.get("token"), values.get("path"),
                    Integer.parseInt(values.get("sessions")), values.getOrDefault("bind", "127.0.0.1"),
                    Long.parseLong(values.getOrDefault("warmup-ms", "5000")),
                    Long.parseLong(values.getOrDefault("duration-ms", "30000")),
                    Integer.parseInt(values.getOrDefault("concurrent-connects", "100")));
        }
    }

    public static void main(String[] args) throws Exception {
        new LoadClient(Options.parse(args)).run();
    }

    private void run() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setLocalAddress(options.bind())
                .setMaxConnections(options.sessions() + 1)
                .setMaxFrameSize(1 << 20)
                .setConnectTimeout(10_000));
        Semaphore connecting = new Semaphore(options.concurrentConnects());
        CountDownLatch allSubscribed = new CountDownLatch(options.sessions());
        long connectStart = System.nanoTime();
        for (int i = 0; i < options.sessions(); i++) {
            if (!connecting.tryAcquire(30, TimeUnit.SECONDS)) break;
            WebSocketConnectOptions connect = new WebSocketConnectOptions()
                    .setHost(options.url().getHost()).setPort(options.url().getPort()).setURI(options.url().getPath())
                    .addSubProtocol("graphql-ws");
            client.connect(connect).onComplete(result -> {
                if (result.failed()) {
                    measurement.failed();
                    connecting.release();
                    allSubscribed.countDown();
                    return;
                }
                open(result.result(), connecting, allSubscribed);
            });
        }
        boolean complete = allSubscribed.await(120, TimeUnit.SECONDS);
        measurement.reportAndMeasure(connectStart, complete, options.warmupMs(), options.durationMs());
        vertx.close().await();
        System.exit(0);
    }

    private void open(WebSocket socket, Semaphore connecting, CountDownLatch allSubscribed) {
        boolean[] started = {false};
        socket.textMessageHandler(text -> {
            if (text.startsWith("{\"type\":\"connection_ack\"")) {
                socket.writeTextMessage("{\"id\":\"1\",\"type\":\"start\",\"payload\":{\"query\":"
                        + "\"subscription($p:String!){data(path:$p){value path type}}\",\"variables\":{\"p\":\""
                        + options.path() + "\"}}}");
            } else if (text.contains("\"type\":\"data\"")) {
                if (!started[0]) {
                    started[0] = true;
                    measurement.subscribed();
                    connecting.release();
                    allSubscribed.countDown();
                }
                measurement.update(text);
            } else if (text.contains("connection_error")) {
                measurement.failed();
            }
        });
        socket.closeHandler(ignored -> {
            if (!started[0]) {
                measurement.failed();
                connecting.release();
                allSubscribed.countDown();
            }
        });
        socket.writeTextMessage("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + options.token() + "\"}}");
    }
}
