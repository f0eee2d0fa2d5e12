package io.vakt.scripting;

import java.time.Duration;
import java.util.List;

/**
 * Which hosts {@code fetch} may reach from SSF code (spec §8.5 decision: disabled unless allow-listed).
 *
 * @param allowedHosts host names or {@code host:port}, matched ignoring case; empty = {@code fetch} refuses every URL
 * @param timeout      for one whole request, connect to last byte
 * @param maxResponseBytes a longer body fails the request
 */
public record FetchPolicy(List<String> allowedHosts, Duration timeout, int maxResponseBytes) {
    public FetchPolicy {
        allowedHosts = List.copyOf(allowedHosts);
    }

    public static FetchPolicy disabled() { return new FetchPolicy(List.of(), Duration.ofSeconds(10), 4 * 1024 * 1024); }

    public boolean enabled() { return !allowedHosts.isEmpty(); }
}
