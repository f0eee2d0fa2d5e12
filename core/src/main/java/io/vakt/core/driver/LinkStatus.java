package io.vakt.core.driver;

import java.time.Instant;

/**
 * Where a driver's link to its peer stands, for {@code sysinfo} and metrics: an operator sees which controller
 * is down, since when and why without reading the log.
 *
 * @param peer       where the driver connects ({@code 10.0.0.5:502}, {@code mqtt://broker:1883})
 * @param state      {@code CONNECTING}, {@code CONNECTED}, {@code DOWN} or {@code CLOSED}
 * @param since      when that state began
 * @param problem    why the link last went down or failed to come up; empty when it never did
 * @param reconnects how often the link came back after being down
 */
public record LinkStatus(String peer, String state, Instant since, String problem, long reconnects) {
    public boolean isUp() { return "CONNECTED".equals(state); }
}
