package io.vakt.bench.wamp;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * The figures of one run, merged over all client processes: one Markdown table row for BENCHMARKS.md and the
 * lines that say whether the row can be trusted (failed sessions, unanswered calls, lost sessions, CPU).
 */
final class WampReport {
    private final BenchOptions options;
    private final Histogram latency = Histograms.empty();
    private long callsOk;
    private long callErrors;
    private long invocations;
    private long published;
    private long deliveries;
    private long unanswered;
    private long unansweredAfterNudge;
    private long protocolErrors;
    private long unexpected;
    private long sessionsLost;
    private long outOfRange;
    private double seconds;
    private double clientCpuSeconds;
    private int processes;

    WampReport(BenchOptions options, List<JsonNode> results) {
        this.options = options;
        for (JsonNode result : results) {
            latency.add(Histograms.decode(result.get("histogram").asString()));
            JsonNode window = result.get("window");
            callsOk += window.get("callsOk").asLong();
            callErrors += window.get("callErrors").asLong();
            invocations += window.get("invocations").asLong();
            published += window.get("published").asLong();
            deliveries += window.get("deliveries").asLong();
            outOfRange += window.get("outOfRange").asLong();
            protocolErrors += window.get("protocolErrors").asLong();
            unexpected += window.get("unexpected").asLong();
            sessionsLost += result.get("total").get("sessionsLost").asLong();
            unanswered += result.get("unanswered").asLong();
            unansweredAfterNudge += result.get("unansweredAfterNudge").asLong();
            seconds = Math.max(seconds, result.get("seconds").asDouble());
            clientCpuSeconds += result.get("cpuSeconds").asDouble();
            processes++;
        }
    }

    void print() {
        System.out.println();
        if (options.scenario() == BenchOptions.Scenario.CALLS) {
            System.out.println("| serializer | callees | callers × in flight | payload | client processes | calls/s | p50 | p90 | p99 | p99.9 | max | errors |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.printf("| %s | %d | %d × %d | %d B | %d | %,.0f | %s | %d |%n", options.serializer(), options.callees(),
                    options.callers(), options.inflight(), options.payload(), processes, perSecond(callsOk), percentiles(), callErrors);
            System.out.printf("%nwindow %.1f s: %,d calls answered, %,d errors, %,d invocations seen by the callees%n",
                    seconds, callsOk, callErrors, invocations);
            System.out.printf("calls unanswered 5 s after the load stopped: %,d; still unanswered after up to three more"
                    + " calls per caller: %,d%n", unanswered, unansweredAfterNudge);
        } else {
            long expected = published * options.subscribers();
            System.out.println("| serializer | publishers × rate | subscribers | payload | client processes | published/s | deliveries/s | delivered of expected | p50 | p90 | p99 | p99.9 | max |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.printf("| %s | %d × %,.0f/s | %,d | %d B | %d | %,.0f | %,.0f | %s | %s |%n", options.serializer(),
                    options.publishers(), options.rate(), options.subscribers(), options.payload(), processes,
                    perSecond(published), perSecond(deliveries),
                    expected == 0 ? "–" : String.format("%.1f %%", 100.0 * deliveries / expected), percentiles());
            System.out.printf("%nwindow %.1f s: %,d publications sent, %,d events received (%,d expected if every"
                    + " subscriber got every one)%n", seconds, published, deliveries, expected);
        }
        System.out.printf("client processes used %.2f cores in the window; protocol errors %d, unexpected messages %d,"
                        + " sessions lost %d, latencies beyond %d s %d%n", clientCores(),
                protocolErrors, unexpected, sessionsLost, Histograms.HIGHEST_MICROS / 1_000_000, outOfRange);
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
