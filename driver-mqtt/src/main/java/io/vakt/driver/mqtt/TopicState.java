package io.vakt.driver.mqtt;

import io.vakt.core.driver.Sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * What the driver wants of one state topic and what it last heard on it. A topic is subscribed while any
 * point on it is advised, a read waits for it, or a recent read or write holds it (so a write's read-back
 * sees the device's echo); several points may share it, each taking its own JSON field. Guarded by the
 * driver's lock.
 */
final class TopicState {

    /** Where the topic's subscription is on the current connection. */
    enum Subscription { NONE, SUBSCRIBING, SUBSCRIBED, REFUSED }

    /** A {@code read} waiting for the topic's first message. */
    record PendingRead(MqttPoint point, CompletableFuture<Sample> result, ScheduledFuture<?> deadline) {}

    final String topic;
    final Set<MqttPoint> advised = new LinkedHashSet<>();
    final List<PendingRead> reads = new ArrayList<>();
    Subscription subscription = Subscription.NONE;
    /** The broker's SUBACK reason while {@link Subscription#REFUSED}. */
    String refusal;
    /** Until when a read or write keeps the topic subscribed. */
    Instant heldUntil = Instant.MIN;
    /** The newest payload received on the current connection; null before the first (or after a loss). */
    byte[] lastPayload;
    Instant lastReceived;

    TopicState(String topic) { this.topic = topic; }

    boolean needed(Instant now) { return !advised.isEmpty() || !reads.isEmpty() || now.isBefore(heldUntil); }

    /** Forgets what belonged to the connection that ended. */
    void connectionEnded() {
        subscription = Subscription.NONE;
        refusal = null;
        lastPayload = null;
        lastReceived = null;
    }
}
