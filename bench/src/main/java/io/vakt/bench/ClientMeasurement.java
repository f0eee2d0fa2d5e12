package io.vakt.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a load-generating client process counts and how it reports to its coordinator, whatever transport carries
 * the live values (the WebSocket {@link LoadClient}, the graphql-sse client). The coordinator reads JSON lines from
 * the client's stdout: {@code subscribed} once every session is up, {@code measuring} when the window opens and
 * {@code result} with the latency histogram; it writes one line to the client's stdin when it has read the server's
 * counters and the window may start.
 */
public final class ClientMeasurement {
    private final LongAdder messages = new LongAdder();
    private final LongAdder measured = new LongAdder();
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final Recorder latency = new Recorder(3_600_000L, 3);
    private volatile boolean measuring;

    /** A session received its first update. */
    public void subscribed() { subscribed.incrementAndGet(); }

    /** A session could not be opened or subscribed. */
    public void failed() { failures.incrementAndGet(); }

    /** A session's stream ended while the bench ran. */
    public void ended() { ended.incrementAndGet(); }

    public int failures() { return failures.get(); }

    /** One update arrived: counted, and timed while the window is open. */
    public void update(String text) {
        messages.increment();
        if (measuring) record(text);
    }

    /**
     * Reports the sessions, waits for the coordinator, warms up, measures for {@code durationMs} and prints the
     * result. Every wait is bounded by the caller's durations.
     */
    public void reportAndMeasure(long connectStartNanos, boolean complete, long warmupMs, long durationMs) throws Exception {
        long connectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectStartNanos);
        emit("{\"event\":\"subscribed\",\"sessions\":" + subscribed.get() + ",\"failures\":" + failures.get()
                + ",\"connectMs\":" + connectMs + ",\"complete\":" + complete + "}");
        // the coordinator reads the server's counters (and heap) before it lets the clients measure
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Thread.sleep(warmupMs);
        latency.reset();
        long before = messages.sum();
        measuring = true;
        emit("{\"event\":\"measuring\"}");
        long start = System.nanoTime();
        Thread.sleep(durationMs);
        measuring = false;
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram histogram = latency.getIntervalHistogram();
        emit("{\"event\":\"result\",\"sessions\":" + subscribed.get() + ",\"failures\":" + failures.get()
                + ",\"ended\":" + ended.get() + ",\"messages\":" + (messages.sum() - before) + ",\"measured\":" + measured.sum()
                + ",\"seconds\":" + seconds + ",\"histogram\":\"" + encode(histogram) + "\"}");
    }

    private static void emit(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Reads {@code "value":<epoch ms>} of an Update without a JSON parser: this runs 10⁵ times a second. */
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

    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    public static Histogram decode(String base64) throws java.util.zip.DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }
}
