package io.vakt.graphql.live;

import io.vakt.core.live.LiveValues;
import io.vakt.core.model.NodeRef;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of subscription groups: joining finds or creates the group for a key; the last member
 * leaving closes it and releases its watches.
 */
public final class SubscriptionGroups {
    private final LiveValues hub;
    private final ConcurrentHashMap<GroupKey, SubscriptionGroup> groups = new ConcurrentHashMap<>();
    private final GroupStats stats = new GroupStats();

    public SubscriptionGroups(LiveValues hub) { this.hub = hub; }

    public GroupStats stats() { return stats; }

    /**
     * Joins {@code member} to the group of {@code key}, creating it for {@code node} if needed. The member
     * receives each readable element's current payload at once, then every update.
     *
     * @return closes the membership (idempotent)
     */
    public AutoCloseable join(GroupKey key, NodeRef node, GroupMember member) {
        while (true) {
            SubscriptionGroup group = groups.get(key);
            if (group == null) {
                // the close hook is part of the group from the start: another thread may find the group the
                // moment it is in the map, join and leave at once, and a closed group left in the map would
                // make every later join for this key spin forever
                SubscriptionGroup created = new SubscriptionGroup(key, node, stats, closed -> {
                    groups.remove(key, closed);
                    stats.groups.decrementAndGet();
                });
                stats.groups.incrementAndGet();
                SubscriptionGroup raced = groups.putIfAbsent(key, created);
                if (raced == null) {
                    created.start(hub);
                    group = created;
                } else {
                    stats.groups.decrementAndGet();
                    group = raced;
                }
            }
            Runnable leave = group.join(member);
            if (leave != null) return new Membership(leave);
        }
    }

    private static final class Membership implements AutoCloseable {
        private Runnable leave;

        Membership(Runnable leave) { this.leave = leave; }

        @Override
        public synchronized void close() {
            if (leave != null) {
                leave.run();
                leave = null;
            }
        }
    }
}
