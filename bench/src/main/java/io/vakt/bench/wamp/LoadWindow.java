package io.vakt.bench.wamp;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measured window of a WAMP load-client process ({@link WampLoadClient}, {@link SsfLoadClient}): after the
 * warm-up, the latency and counts of exactly {@code duration}, with the process's CPU time over it. Also the two
 * things both clients do around it: printing an event line for the coordinator, and waiting for calls in flight.
 */
record LoadWindow(Histogram latency, Measurements.Counts counts, double seconds, double cpuSeconds) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Sleeps through the warm-up, then measures one window of {@code duration}. */
    static LoadWindow measure(Measurements measurements, Duration warmup, Duration duration) throws InterruptedException {
        Thread.sleep(warmup.toMillis());
        measurements.takeLatency();
        Measurements.Counts before = measurements.counts();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        Histogram latency = measurements.takeLatency();
        Measurements.Counts after = measurements.counts();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        return new LoadWindow(latency, after.minus(before), seconds, cpuSeconds);
    }

    /** The start of the {@code result} event: the window's figures; the client adds its own after them. */
    Map<String, Object> result() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("event", "result");
        result.put("seconds", seconds);
        result.put("cpuSeconds", cpuSeconds);
        result.put("window", counts);
        return result;
    }

    /** The {@code ready} event: the sessions this process opened, and why the others failed. */
    static Map<String, Object> ready(String bind, int sessions, Opener opener) {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("event", "ready");
        ready.put("bind", bind);
        ready.put("sessions", sessions);
        ready.put("failures", opener.failureCount());
        ready.put("reasons", opener.failureReasons());
        return ready;
    }

    /** Waits up to {@code limit} for every call in flight to be answered. */
    static void awaitAnswers(Measurements measurements, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (measurements.counts().outstanding() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
    }

    /** One event line on stdout for the coordinator. */
    static void emit(Map<String, Object> event) {
        System.out.println(JSON.writeValueAsString(event));
        System.out.flush();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
