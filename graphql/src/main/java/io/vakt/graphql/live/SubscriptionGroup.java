package io.vakt.graphql.live;

import io.vakt.core.live.LiveValue;
import io.vakt.core.live.LiveValues;
import io.vakt.core.live.UpdateType;
import io.vakt.core.live.Watch;
import io.vakt.core.model.AdvisedElement;
import io.vakt.core.model.NodeRef;
import io.vakt.core.path.ElementPath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * All subscriptions that receive identical bytes ({@link GroupKey}). The group watches each readable
 * element's variable once, serializes every new state once, and hands the bytes to its members grouped by
 * event loop: one task per loop per update. It keeps the last payload of each element, so a member joining
 * later starts from the cached value (or {@code Pending}) straight away (spec §5.4).
 *
 * <p>Lock order: the hub calls {@link #onValue} under its entry lock, which then takes this group's lock.
 * The group therefore never calls the hub while holding its own lock.
 */
final class SubscriptionGroup {
    private final GroupKey key;
    private final NodeRef node;
    private final Element[] elements;
    private final GroupStats stats;
    /** Told once when the last member has left; final, so it is in place before anyone can find the group. */
    private final Consumer<SubscriptionGroup> onClosed;
    private final Map<Executor, GroupMember[]> partitions = new IdentityHashMap<>();
    private final List<Watch> watches = new ArrayList<>();
    private int memberCount;
    private boolean closed;

    SubscriptionGroup(GroupKey key, NodeRef node, GroupStats stats, Consumer<SubscriptionGroup> onClosed) {
        this.key = key;
        this.node = node;
        this.stats = stats;
        this.onClosed = onClosed;
        List<AdvisedElement> advised = node.file().advised();
        this.elements = new Element[advised.size()];
        for (int k = 0; k < advised.size(); k++) {
            AdvisedElement element = advised.get(k);
            // spec §5.4: a variable above the user's read level is not advised at all
            if (key.level().atLeast(element.readAccess())) {
                elements[k] = new Element(element, new ElementPath(node.file().contentRoot(), k));
            }
        }
    }

    GroupKey key() { return key; }

    /** Watches every readable element; called once, after the group is registered, without its lock. */
    void start(LiveValues hub) {
        for (int k = 0; k < elements.length; k++) {
            Element element = elements[k];
            if (element == null) continue;
            int index = k;
            Watch watch = hub.watch(element.advised.binding().address(), value -> onValue(index, value));
            synchronized (this) {
                if (closed) {
                    watch.close();
                    return;
                }
                watches.add(watch);
            }
            onValue(k, watch.initial());
        }
    }

    void onValue(int k, LiveValue value) {
        Element element = elements[k];
        byte[] payload;
        Map<Executor, GroupMember[]> targets;
        synchronized (this) {
            if (closed) return;
            // the initial state may arrive after a newer update: keep the newest by sequence
            if (element.value != null && value.sequence() <= element.value.sequence()) return;
            element.value = value;
            element.payload = VariablePayloads.serialize(key.projection(), element.path, value);
            stats.serializations.increment();
            if (element.oneShot && value.type() == UpdateType.Pending) return;
            payload = element.payload;
            targets = Map.copyOf(partitions);
        }
        boolean oneShot = element.oneShot;
        for (Map.Entry<Executor, GroupMember[]> partition : targets.entrySet()) {
            GroupMember[] members = partition.getValue();
            stats.deliveries.add(members.length);
            partition.getKey().execute(() -> {
                for (GroupMember member : members) member.deliver(k, payload, oneShot);
            });
        }
    }

    /** Adds a member and schedules its initial messages; null when the group has just closed. */
    synchronized Runnable join(GroupMember member) {
        if (closed) return null;
        Executor executor = member.executor();
        GroupMember[] current = partitions.getOrDefault(executor, new GroupMember[0]);
        GroupMember[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = member;
        partitions.put(executor, grown);
        memberCount++;
        stats.members.incrementAndGet();
        List<Runnable> initial = new ArrayList<>();
        for (int k = 0; k < elements.length; k++) {
            Element element = elements[k];
            if (element == null || element.payload == null) continue;
            if (element.oneShot && element.value.type() == UpdateType.Pending) continue;
            int index = k;
            byte[] payload = element.payload;
            initial.add(() -> member.deliver(index, payload, element.oneShot));
        }
        stats.deliveries.add(initial.size());
        executor.execute(() -> initial.forEach(Runnable::run));
        return () -> leave(member);
    }

    private void leave(GroupMember member) {
        List<Watch> toClose;
        synchronized (this) {
            GroupMember[] current = partitions.get(member.executor());
            if (current == null) return;
            int at = Arrays.asList(current).indexOf(member);
            if (at < 0) return;
            GroupMember[] shrunk = new GroupMember[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, at);
            System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
            if (shrunk.length == 0) partitions.remove(member.executor());
            else partitions.put(member.executor(), shrunk);
            memberCount--;
            stats.members.decrementAndGet();
            if (memberCount > 0) return;
            closed = true;
            toClose = List.copyOf(watches);
            watches.clear();
        }
        onClosed.accept(this);
        toClose.forEach(Watch::close);
    }

    NodeRef node() { return node; }

    private static final class Element {
        final AdvisedElement advised;
        final ElementPath path;
        final boolean oneShot;
        LiveValue value;
        byte[] payload;

        Element(AdvisedElement advised, ElementPath path) {
            this.advised = advised;
            this.path = path;
            this.oneShot = !advised.binding().bound();
        }
    }
}
