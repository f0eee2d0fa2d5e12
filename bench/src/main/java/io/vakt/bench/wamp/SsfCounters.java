package io.vakt.bench.wamp;

import io.vakt.testkit.EmbeddedServer;

import java.util.Map;
import java.util.TreeMap;

/**
 * The SSF runtime's own view from {@code /arrigo/api/metrics}: the {@code vakt_ssf_*} series (per path
 * counters of calls, errors, wall and CPU seconds inside the worker; contexts busy and calls queued as gauges).
 * Per-path series are added up, as the benchmark calls one path. Wall and CPU per call tell the time spent
 * running the call in its JavaScript context from everything around it (router, queue, sockets, client).
 */
final class SsfCounters {
    private static final String PREFIX = "vakt_ssf_";

    /** One reading: series by name without labels, per-path values added up, and when it was taken. */
    record Reading(long nanos, Map<String, Double> values) {
        double get(String name) { return values.getOrDefault(name, 0.0); }

        double perSecondSince(Reading earlier, String name) {
            double seconds = (nanos - earlier.nanos) / 1e9;
            return seconds <= 0 ? 0 : (get(name) - earlier.get(name)) / seconds;
        }

        /** Microseconds of {@code secondsCounter} per finished call since {@code earlier}; NaN without calls. */
        double microsPerCallSince(Reading earlier, String secondsCounter) {
            double calls = get("vakt_ssf_calls_total") - earlier.get("vakt_ssf_calls_total");
            return calls <= 0 ? Double.NaN : (get(secondsCounter) - earlier.get(secondsCounter)) / calls * 1e6;
        }
    }

    private SsfCounters() {}

    static Reading read(EmbeddedServer server, String token) {
        Map<String, Double> values = new TreeMap<>();
        for (String line : server.api().get("/metrics", token).body().split("\\n")) {
            if (!line.startsWith(PREFIX)) continue;
            int space = line.lastIndexOf(' ');
            int brace = line.indexOf('{');
            String name = line.substring(0, brace > 0 && brace < space ? brace : space);
            try {
                values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
            } catch (NumberFormatException ignored) {
                // a value Prometheus spells as NaN or +Inf says nothing over a window
            }
        }
        return new Reading(System.nanoTime(), values);
    }
}
