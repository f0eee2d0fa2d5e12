package io.vakt.bench.wamp;

import io.vakt.testkit.EmbeddedServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The router's own view from {@code /arrigo/api/metrics}: every {@code vakt_wamp_*} series the server
 * exports, whatever names it has at the time of the run. Counters ({@code _total}, and the {@code _count} and
 * {@code _sum} of timers) are shown per second over the window, everything else (gauges, maxima) as read at
 * its end.
 */
final class WampCounters {
    private static final String PREFIX = "vakt_wamp_";

    private WampCounters() {}

    static Map<String, Double> read(EmbeddedServer server, String token) {
        Map<String, Double> values = new TreeMap<>();
        for (String line : server.api().get("/metrics", token).body().split("\\n")) {
            if (!line.startsWith(PREFIX)) continue;
            int space = line.lastIndexOf(' ');
            String name = line.substring(0, space);
            if (name.contains("_bucket")) continue;
            try {
                values.put(name, Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException ignored) {
                // a value Prometheus spells as NaN or +Inf says nothing over a window
            }
        }
        return values;
    }

    static List<String> describe(Map<String, Double> before, Map<String, Double> after, double seconds) {
        List<String> lines = new ArrayList<>();
        if (after.isEmpty()) {
            lines.add("the server exports no vakt_wamp_* metrics in this build");
            return lines;
        }
        after.forEach((name, value) -> {
            if (isCounter(name)) {
                double perSecond = (value - before.getOrDefault(name, 0.0)) / seconds;
                lines.add(String.format("%s: %,.1f/s", name, perSecond));
            } else {
                lines.add(String.format("%s: %s", name, value == Math.rint(value) ? String.format("%,.0f", value) : String.valueOf(value)));
            }
        });
        return lines;
    }

    private static boolean isCounter(String series) {
        int brace = series.indexOf('{');
        String name = brace < 0 ? series : series.substring(0, brace);
        return name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum");
    }
}
