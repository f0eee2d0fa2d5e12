package io.vakt.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One load-generating process: opens N sessions from one local address with the legacy {@code graphql-ws}
 * protocol (what ArrigoLocal clients speak), subscribes each to the bench list, and records for every
 * update the time from the driver's sample to its receipt. Prints progress to stderr and one JSON result line
 * to stdout. Started by {@link LoadGenerator}; every phase is bounded in time.
 */
public final class LoadClient {
    private final Options options;
    private final LongAdder messages = new LongAdder();
    private final LongAdder measured = new LongAdder();
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Recorder latency = new Recorder(3_600_000L, 3);
    private volatile boolean measuring;

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
                    failures.incrementAndGet();
                    connecting.release();
                    allSubscribed.countDown();
                    return;
                }
                open(result.result(), connecting, allSubscribed);
            });
        }
        boolean complete = allSubscribed.await(120, TimeUnit.SECONDS);
        long connectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStart);
        System.out.println("{\"event\":\"subscribed\",\"sessions\":" + subscribed.get() + ",\"failures\":" + failures.get()
                + ",\"connectMs\":" + connectMs + ",\"complete\":" + complete + "}");
        System.out.flush();
        // the coordinator measures the server's heap (with full GCs) before it lets the clients measure latency
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
        Thread.sleep(options.warmupMs());
        latency.reset();
        long before = messages.sum();
        measuring = true;
        long start = System.nanoTime();
        Thread.sleep(options.durationMs());
        measuring = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram histogram = latency.getIntervalHistogram();
        System.out.println("{\"event\":\"result\",\"sessions\":" + subscribed.get() + ",\"failures\":" + failures.get()
                + ",\"messages\":" + (messages.sum() - before) + ",\"measured\":" + measured.sum()
                + ",\"seconds\":" + seconds + ",\"histogram\":\"" + encode(histogram) + "\"}");
        System.out.flush();
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
                    subscribed.incrementAndGet();
                    connecting.release();
                    allSubscribed.countDown();
                }
                messages.increment();
                if (measuring) record(text);
            } else if (text.contains("connection_error")) {
                failures.incrementAndGet();
            }
        });
        socket.closeHandler(ignored -> {
            if (!started[0]) {
                failures.incrementAndGet();
                connecting.release();
                allSubscribed.countDown();
            }
        });
        socket.writeTextMessage("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + options.token() + "\"}}");
    }

    /** Reads {@code "value":<epoch ms>} of an Update without a JSON parser: this loop runs 10⁵ times a second. */
    private void record(String text) {
        if (!text.contains("\"type\":\"Update\"")) return;
        int at = text.indexOf("\"value\":");
        if (at < 0) return;
        int from = at + 8;
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) to++;
        if (to == from) return;
        long sampled = Long.parseLong(text, from, to, 10);
        long delay = System.currentTimeMillis() - sampled;
        if (delay >= 0 && delay < 3_600_000L) {
            latency.recordValue(delay);
            measured.increment();
        }
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) throws java.util.zip.DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }

}
