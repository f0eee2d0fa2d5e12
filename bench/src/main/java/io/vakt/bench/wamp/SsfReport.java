package io.vakt.bench.wamp;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client side of one {@code ssf-calls} run, merged over all client processes: one Markdown table row for
 * BENCHMARKS.md and the lines that say whether it can be trusted (errors by URI, wrong sums, unanswered
 * calls, lost sessions).
 */
final class SsfReport {
    private final Histogram latency = Histograms.empty();
    private final Map<String, Long> errorsByUri = new TreeMap<>();
    private long callsOk;
    private long callErrors;
    private long wrongResults;
    private long unanswered;
    private long protocolErrors;
    private long unexpected;
    private long sessionsLost;
    private long outOfRange;
    private double seconds;
    private double clientCpuSeconds;

    SsfReport(List<JsonNode> results) {
        for (JsonNode result : results) {
            latency.add(Histograms.decode(result.get("histogram").asString()));
            JsonNode window = result.get("window");
            callsOk += window.get("callsOk").asLong();
            callErrors += window.get("callErrors").asLong();
            outOfRange += window.get("outOfRange").asLong();
            protocolErrors += window.get("protocolErrors").asLong();
            unexpected += window.get("unexpected").asLong();
            sessionsLost += result.get("total").get("sessionsLost").asLong();
            unanswered += result.get("unanswered").asLong();
            wrongResults += result.get("wrongResults").asLong();
            result.get("errorsByUri").properties().forEach(entry -> errorsByUri.merge(entry.getKey(), entry.getValue().asLong(), Long::sum));
            seconds = Math.max(seconds, result.get("seconds").asDouble());
            clientCpuSeconds += result.get("cpuSeconds").asDouble();
        }
    }

    /** @param pool {@code contexts / per path} as the server ran */
    void print(String serializer, String pool, int callers, int inflight) {
        System.out.println();
        System.out.println("| serializer | contexts / per path | sessions × in flight | calls/s | p50 | p90 | p99 | p99.9 | max | errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %s | %s | %d × %d | %,.0f | %s | %d |%n", serializer, pool, callers, inflight,
                perSecond(callsOk), percentiles(), callErrors);
        System.out.printf("%nwindow %.1f s: %,d calls answered with the right sum, %,d failed in the window%n",
                seconds, callsOk, callErrors);
        System.out.printf("over the whole run: ERRORs by URI %s, RESULTs with a wrong sum %,d; calls unanswered 5 s"
                + " after the load stopped %,d%n", errorsByUri.isEmpty() ? "none" : errorsByUri, wrongResults, unanswered);
        System.out.printf("client processes used %.2f cores in the window; protocol errors %d, unexpected messages %d,"
                        + " sessions lost %d, latencies beyond %d s %d%n", clientCores(), protocolErrors, unexpected,
                sessionsLost, Histograms.HIGHEST_MICROS / 1_000_000, outOfRange);
    }

    /** Cores the client processes used in their windows, added up. */
    double clientCores() { return seconds == 0 ? 0 : clientCpuSeconds / seconds; }

    private double perSecond(long count) { return seconds == 0 ? 0 : count / seconds; }

    private String percentiles() {
        if (latency.getTotalCount() == 0) return "– | – | – | – | –";
        return String.join(" | ", Histograms.millis(latency.getValueAtPercentile(50)),
                Histograms.millis(latency.getValueAtPercentile(90)), Histograms.millis(latency.getValueAtPercentile(99)),
                Histograms.millis(latency.getValueAtPercentile(99.9)), Histograms.millis(latency.getMaxValue()));
    }
}
