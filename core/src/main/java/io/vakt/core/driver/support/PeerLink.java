package io.vakt.core.driver.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The state of a driver's link to its peer (a controller, a broker, a server), and the log an operator
 * reads: one WARN when the link goes down, DEBUG while retries keep failing, one INFO when it is back
 * with how long it was down. Every driver reports through it, so the lines read the same for every protocol:
 * {@code Controller PLC1 (modbus 10.0.0.5:502): down (Connection refused); its points are ErrorUnreachable,
 * next attempt in 2s}.
 */
public final class PeerLink {
    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);

    /** Where the link is. */
    public enum State { CONNECTING, CONNECTED, DOWN, CLOSED }

    private final String name;
    private final String peer;
    private final Clock clock;
    private State state = State.CONNECTING;
    private Instant since;
    private String lastProblem = "";
    private long failuresInRow;
    private long reconnects;
    private boolean everConnected;

    /**
     * @param controller the controller's technical name
     * @param driver     the driver's name ({@code modbus})
     * @param peer       where it connects ({@code 10.0.0.5:502}, {@code mqtt://broker:1883})
     */
    public PeerLink(String controller, String driver, String peer, Clock clock) {
        this.name = "Controller " + controller + " (" + driver + " " + peer + ")";
        this.peer = peer;
        this.clock = clock;
        this.since = clock.instant();
    }

    public synchronized void connected() {
        if (state == State.CLOSED || state == State.CONNECTED) return;
        Instant now = clock.instant();
        if (!everConnected) {
            log.info("{}: connected", name);
        } else {
            reconnects++;
            log.info("{}: connected again after {} (down since {}, {} failed attempts)", name,
                    Durations.describe(Duration.between(since, now)), since, failuresInRow);
        }
        everConnected = true;
        failuresInRow = 0;
        state = State.CONNECTED;
        since = now;
    }

    /** The link is down or an attempt failed; {@code retryIn} null when no retry is planned. */
    public synchronized void down(String problem, Duration retryIn) {
        if (state == State.CLOSED) return;
        String retry = retryIn == null ? "" : ", next attempt in " + Durations.describe(retryIn);
        failuresInRow++;
        lastProblem = problem;
        if (state != State.DOWN) {
            log.warn("{}: {} ({}); its points are ErrorUnreachable{}", name,
                    state == State.CONNECTED ? "connection lost" : "cannot connect", problem, retry);
            state = State.DOWN;
            since = clock.instant();
        } else {
            log.debug("{}: still down ({}){}", name, problem, retry);
        }
    }

    public synchronized void closed() {
        state = State.CLOSED;
        since = clock.instant();
    }

    public synchronized State state() { return state; }

    public synchronized boolean isUp() { return state == State.CONNECTED; }

    /** When the current state began. */
    public synchronized Instant since() { return since; }

    /** Why the link last went down or failed to come up; empty when it never did. */
    public synchronized String lastProblem() { return lastProblem; }

    /** How often the link came back after being down. */
    public synchronized long reconnects() { return reconnects; }

    /** Failed attempts since the link was last up. */
    public synchronized long failuresInRow() { return failuresInRow; }

    /** A snapshot for {@code sysinfo} and metrics. */
    public synchronized io.vakt.core.driver.LinkStatus status() {
        return new io.vakt.core.driver.LinkStatus(peer, state.name(), since, lastProblem, reconnects);
    }

    @Override
    public String toString() { return name; }
}
