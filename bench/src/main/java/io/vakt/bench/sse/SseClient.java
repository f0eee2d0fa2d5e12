package io.vakt.bench.sse;

import io.vakt.bench.Args;
import io.vakt.bench.ClientMeasurement;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One load-generating process for {@link SseValuesBench}: opens N graphql-sse streams in single connection
 * mode from one local address with the JDK's HttpClient ({@code PUT} reservation with the bearer token,
 * {@code GET} event stream with the stream token, {@code POST} of the live-values bench's subscription with
 * {@code extensions.operationId}), and records for every update the time from the driver's sample (the value
 * is its epoch milliseconds) to its receipt. Prints progress to stderr and JSON lines to stdout, in the shape
 * {@link io.vakt.bench.LoadGenerator}'s clients use. Every phase is bounded in time.
 */
public final class SseClient {
    static final String SUBSCRIPTION = "subscription($p:String!){data(path:$p){value path type}}";

    private final Options options;
    private final ClientMeasurement measurement = new ClientMeasurement();
    private HttpClient http;

    private SseClient(Options options) { this.options = options; }

    record Options(URI stream, String token, String path, int clients, String bind, long warmupMs, long durationMs,
                   int concurrentConnects) {
        static Options parse(String[] args) {
            Map<String, String> values = Args.parse(args);
            return new Options(URI.create(values.get("url")), values.get("token"), values.get("path"),
                    Integer.parseInt(values.get("clients")), values.getOrDefault("bind", "127.0.0.1"),
                    Long.parseLong(values.getOrDefault("warmup-ms", "5000")),
                    Long.parseLong(values.getOrDefault("duration-ms", "30000")),
                    Integer.parseInt(values.getOrDefault("concurrent-connects", "100")));
        }
    }

    public static void main(String[] args) throws Exception {
        new SseClient(Options.parse(args)).run();
    }

    private void run() throws Exception {
        // two threads parse every line of every stream; the selector thread of the HttpClient reads the sockets
        ExecutorService executor = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("sse-client-", 0).factory());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(options.bind()))
                .connectTimeout(Duration.ofSeconds(10)).executor(executor).build();
        Semaphore connecting = new Semaphore(options.concurrentConnects());
        CountDownLatch allSubscribed = new CountDownLatch(options.clients());
        long connectStart = System.nanoTime();
        for (int i = 0; i < options.clients(); i++) {
            if (!connecting.tryAcquire(30, TimeUnit.SECONDS)) break;
            open(i, connecting, allSubscribed);
        }
        boolean complete = allSubscribed.await(120, TimeUnit.SECONDS);
        measurement.reportAndMeasure(connectStart, complete, options.warmupMs(), options.durationMs());
        System.exit(0);
    }

    /** PUT (reserve) → GET (stream) → on the stream's first line, POST the subscription. */
    private void open(int index, Semaphore connecting, CountDownLatch allSubscribed) {
        AtomicBoolean settled = new AtomicBoolean();
        Runnable fail = () -> {
            if (settled.compareAndSet(false, true)) {
                measurement.failed();
                connecting.release();
                allSubscribed.countDown();
            }
        };
        Runnable started = () -> {
            if (settled.compareAndSet(false, true)) {
                measurement.subscribed();
                connecting.release();
                allSubscribed.countDown();
            }
        };
        HttpRequest reserve = HttpRequest.newBuilder(options.stream()).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + options.token())
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        http.sendAsync(reserve, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 201) {
                if (measurement.failures() < 5) System.err.println("sse client: reservation failed: " + (error != null ? error : response.statusCode() + " " + response.body()));
                fail.run();
                return;
            }
            String streamToken = response.body().trim();
            HttpRequest get = HttpRequest.newBuilder(options.stream())
                    .header("X-GraphQL-Event-Stream-Token", streamToken).header("Accept", "text/event-stream").GET().build();
            http.sendAsync(get, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(index, streamToken, started, fail)))
                    .whenComplete((ignored, streamError) -> {
                        measurement.ended();
                        fail.run();
                    });
        });
    }

    private void subscribe(int index, String streamToken, Runnable fail) {
        String body = "{\"query\":\"" + SUBSCRIPTION.replace("\"", "\\\"") + "\",\"variables\":{\"p\":\"" + options.path()
                + "\"},\"operationName\":null,\"extensions\":{\"operationId\":\"live-" + index + "\"}}";
        HttpRequest post = HttpRequest.newBuilder(options.stream()).timeout(Duration.ofSeconds(30))
                .header("X-GraphQL-Event-Stream-Token", streamToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(post, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 202) {
                if (measurement.failures() < 5) System.err.println("sse client: subscription refused: " + (error != null ? error : response.statusCode() + " " + response.body()));
                fail.run();
            }
        });
    }

    /** The lines of one event stream: the opening comment starts the subscription, {@code data:} lines are updates. */
    private final class Lines implements Flow.Subscriber<String> {
        private final int index;
        private final String streamToken;
        private final Runnable started;
        private final Runnable fail;
        private boolean posted;
        private boolean first = true;

        Lines(int index, String streamToken, Runnable started, Runnable fail) {
            this.index = index;
            this.streamToken = streamToken;
            this.started = started;
            this.fail = fail;
        }

        @Override public void onSubscribe(Flow.Subscription subscription) { subscription.request(Long.MAX_VALUE); }

        @Override public void onNext(String line) {
            if (!posted) {
                posted = true;
                subscribe(index, streamToken, fail);
            }
            if (!line.startsWith("data:")) return;
            if (line.contains("\"errors\"")) {
                if (measurement.failures() < 5) System.err.println("sse client: " + line);
                fail.run();
                return;
            }
            if (first) {
                first = false;
                started.run();
            }
            measurement.update(line);
        }

        @Override public void onError(Throwable throwable) { }

        @Override public void onComplete() { }
    }
}
