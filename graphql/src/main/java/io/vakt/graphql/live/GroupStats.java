package io.vakt.graphql.live;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the subscription groups, read by the metrics endpoint. */
public final class GroupStats {
    final AtomicInteger groups = new AtomicInteger();
    final AtomicInteger members = new AtomicInteger();
    final LongAdder serializations = new LongAdder();
    final LongAdder deliveries = new LongAdder();

    public int groups() { return groups.get(); }

    public int members() { return members.get(); }

    /** Updates serialized: once per group and update, however many members the group has. */
    public long serializations() { return serializations.sum(); }

    /** Payloads handed to members. */
    public long deliveries() { return deliveries.sum(); }
}
