package io.vakt.graphql.ws;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the GraphQL WebSocket endpoint, read by the metrics endpoint. */
public final class WsStats {
    final AtomicInteger legacyConnections = new AtomicInteger();
    final AtomicInteger transportWsConnections = new AtomicInteger();
    final AtomicInteger operations = new AtomicInteger();
    final LongAdder framesOut = new LongAdder();
    final LongAdder conflated = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder tokenExpiries = new LongAdder();

    public int legacyConnections() { return legacyConnections.get(); }

    public int transportWsConnections() { return transportWsConnections.get(); }

    /** Active operations (subscriptions and running queries) over all connections. */
    public int operations() { return operations.get(); }

    /** Live-value frames written to sockets. */
    public long framesOut() { return framesOut.sum(); }

    /** Live values replaced by a newer one while a slow client's socket was full (latest value wins). */
    public long conflated() { return conflated.sum(); }

    public long protocolErrors() { return protocolErrors.sum(); }

    public long authFailures() { return authFailures.sum(); }

    public long tokenExpiries() { return tokenExpiries.sum(); }
}
