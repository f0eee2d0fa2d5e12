package io.vakt.bench.wamp;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one client process counts, shared by all its sessions (several event loops write, the main thread
 * reads). Counters only grow; the main thread takes a {@link Counts} at both ends of the measured window and
 * subtracts. Latency goes to a {@link Recorder}, whose interval histogram at the window's start discards the
 * warm-up and at its end holds exactly the window.
 */
final class Measurements {
    private final Recorder latencyMicros = new Recorder(Histograms.HIGHEST_MICROS, Histograms.DIGITS);
    private final LongAdder callsIssued = new LongAdder();
    private final LongAdder callsOk = new LongAdder();
    private final LongAdder callErrors = new LongAdder();
    private final LongAdder invocations = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder outOfRange = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder unexpected = new LongAdder();
    private final LongAdder sessionsLost = new LongAdder();

    /** A copy of every counter at one moment. */
    record Counts(long callsIssued, long callsOk, long callErrors, long invocations, long published, long deliveries,
                  long outOfRange, long protocolErrors, long unexpected, long sessionsLost) {
        Counts minus(Counts earlier) {
            return new Counts(callsIssued - earlier.callsIssued, callsOk - earlier.callsOk, callErrors - earlier.callErrors,
                    invocations - earlier.invocations, published - earlier.published, deliveries - earlier.deliveries,
                    outOfRange - earlier.outOfRange, protocolErrors - earlier.protocolErrors, unexpected - earlier.unexpected,
                    sessionsLost - earlier.sessionsLost);
        }

        /** Calls sent whose RESULT or ERROR has not come back. */
        long outstanding() { return callsIssued - callsOk - callErrors; }
    }

    Counts counts() {
        return new Counts(callsIssued.sum(), callsOk.sum(), callErrors.sum(), invocations.sum(), published.sum(),
                deliveries.sum(), outOfRange.sum(), protocolErrors.sum(), unexpected.sum(), sessionsLost.sum());
    }

    /** Starts a new latency interval and returns the one that ends now. */
    Histogram takeLatency() { return latencyMicros.getIntervalHistogram(); }

    void callIssued() { callsIssued.increment(); }

    void callAnswered(long roundTripNanos) {
        callsOk.increment();
        record(roundTripNanos / 1_000);
    }

    void callFailed() { callErrors.increment(); }

    void invoked() { invocations.increment(); }

    void publishedOne() { published.increment(); }

    void delivered(long delayMicros) {
        deliveries.increment();
        record(delayMicros);
    }

    void protocolError() { protocolErrors.increment(); }

    void unexpectedMessage() { unexpected.increment(); }

    void sessionLost() { sessionsLost.increment(); }

    private void record(long micros) {
        // a negative event delay is clock jitter between two readings of the same system clock: count it as 0
        if (micros < 0) micros = 0;
        if (micros > Histograms.HIGHEST_MICROS) {
            outOfRange.increment();
            return;
        }
        latencyMicros.recordValue(micros);
    }
}
