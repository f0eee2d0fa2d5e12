package io.vakt.bench;

import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's own counters around the measured interval, read from {@code /arrigo/api/metrics}: they show
 * that an update is serialized once per subscription group, however many sessions receive it.
 */
public final class ServerCounters {
    private static final List<String> NAMES = List.of("vakt_updates_in_total", "vakt_updates_serialized_total",
            "vakt_updates_out_total", "vakt_updates_coalesced_total{stage=\"slow_client\"}",
            "vakt_updates_coalesced_total{stage=\"throttle\"}", "vakt_subscription_groups");

    private ServerCounters() {}

    public static Map<String, Double> read(EmbeddedServer server, String token) {
        ApiClient.Response response = server.api().get("/metrics", token);
        Map<String, Double> values = new HashMap<>();
        for (String line : response.body().split("\\n")) {
            if (line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            String name = line.substring(0, space);
            if (NAMES.contains(name)) values.put(name, Double.parseDouble(line.substring(space + 1)));
        }
        return values;
    }

    public static void report(Map<String, Double> before, Map<String, Double> after, double seconds) {
        System.out.printf("server, per second over %.1f s: samples in %.0f, serializations %.0f, frames out %.0f,"
                        + " conflated for slow clients %.0f, coalesced by the throttle %.0f; subscription groups %.0f%n",
                seconds, rate(before, after, NAMES.get(0), seconds), rate(before, after, NAMES.get(1), seconds),
                rate(before, after, NAMES.get(2), seconds), rate(before, after, NAMES.get(3), seconds),
                rate(before, after, NAMES.get(4), seconds), before.getOrDefault(NAMES.get(5), 0.0));
    }

    private static double rate(Map<String, Double> before, Map<String, Double> after, String name, double seconds) {
        return (after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0)) / seconds;
    }
}
