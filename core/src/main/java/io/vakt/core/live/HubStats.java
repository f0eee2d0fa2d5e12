package io.vakt.core.live;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the hub, read by the metrics endpoint. Plain adders so the core needs no metrics library.
 */
public final class HubStats {
    final LongAdder samplesIn = new LongAdder();
    final LongAdder updatesOut = new LongAdder();
    final LongAdder coalesced = new LongAdder();
    final LongAdder advises = new LongAdder();
    final LongAdder unadvises = new LongAdder();

    /** Samples received from drivers. */
    public long samplesIn() { return samplesIn.sum(); }

    /** Variable states handed to watchers (after de-duplication and throttling). */
    public long updatesOut() { return updatesOut.sum(); }

    /** Samples replaced by a newer one inside a throttle window: never sent, by design. */
    public long coalesced() { return coalesced.sum(); }

    public long advises() { return advises.sum(); }

    public long unadvises() { return unadvises.sum(); }
}
