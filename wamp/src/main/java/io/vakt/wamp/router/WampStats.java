package io.vakt.wamp.router;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Plain counters of the router, read by the server's metrics. Counters are cumulative; {@link #sessionsOpen}
 * is a gauge. Call latency goes to a listener the server installs (a histogram timer), so this module stays
 * free of a metrics library.
 */
public final class WampStats {
    public final LongAdder sessionsOpen = new LongAdder();
    public final LongAdder sessionsJoined = new LongAdder();
    public final LongAdder sessionsRefused = new LongAdder();
    public final LongAdder protocolViolations = new LongAdder();
    public final LongAdder calls = new LongAdder();
    public final LongAdder callErrors = new LongAdder();
    public final LongAdder callTimeouts = new LongAdder();
    public final LongAdder callsCanceled = new LongAdder();
    public final LongAdder publications = new LongAdder();
    public final LongAdder eventsDelivered = new LongAdder();
    /** Events not delivered because the subscriber's outbound queue was full (slow-subscriber policy). */
    public final LongAdder eventsDropped = new LongAdder();
    /** Sessions closed because they could not take a message that must not be lost. */
    public final LongAdder slowSessionsClosed = new LongAdder();

    private volatile LongConsumer callLatencyNanos = nanos -> { };

    /** Installs the receiver of call latencies (CALL received → final RESULT or ERROR sent), in nanoseconds. */
    public void onCallLatency(LongConsumer listener) { this.callLatencyNanos = listener; }

    public void recordCallLatency(long nanos) { callLatencyNanos.accept(nanos); }
}
