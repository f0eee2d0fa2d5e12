package io.vakt.driver.mqtt;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.driver.support.Durations;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.driver.support.Reconnector;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One MQTT controller: a broker connection whose topics are the points. Values arrive as messages on the points'
 * state topics (the retained message first), writes go out as publishes on their command topics.
 *
 * <p>All state sits under the driver's lock; broker calls and sink calls made while holding it only enqueue
 * (HiveMQ's API and the sink are non-blocking), so the order of values is the order of messages.
 */
final class MqttDriver implements Driver, BrokerLink.Events {
    private static final Logger log = LoggerFactory.getLogger(MqttDriver.class);
    /** How long a read or write keeps a topic nobody advises subscribed, so read-backs see the device's echo. */
    static final Duration HOLD = Duration.ofSeconds(10);

    private final DriverContext context;
    private final String controller;
    private final MqttSettings settings;
    private final Map<String, MqttPoint> points = new HashMap<>();
    private final Map<String, TopicState> topics = new HashMap<>();
    /** Points whose bad payload was logged; cleared by their next good value, so a problem is logged once. */
    private final Set<MqttPoint> logged = ConcurrentHashMap.newKeySet();
    private final PeerLink peer;
    private final BrokerLink link;
    private BrokerClient client;
    /** Counts connections, so an answer from an earlier one is not taken for the current one. */
    private long connection;
    private boolean closed;

    MqttDriver(DriverContext context, MqttSettings settings, List<MqttPoint> compiled) {
        this.context = context;
        this.controller = context.controller().name();
        this.settings = settings;
        for (MqttPoint point : compiled) points.put(key(point.point()), point);
        this.peer = new PeerLink(controller, MqttDriverFactory.NAME, settings.peer(), context.clock());
        this.link = new BrokerLink(peer, settings.link().backoff(), context.scheduler(), this);
    }

    void start() {
        client = BrokerClient.create(settings, link, new BrokerClient.Messages() {
            @Override
            public void received(String topic, byte[] payload) { MqttDriver.this.received(topic, payload); }

            @Override
            public void flowEnded() { MqttDriver.this.flowEnded(); }
        }, context.scheduler());
        link.start(client);
    }

    @Override
    public void advise(Point point) {
        MqttPoint target = points.get(key(point));
        if (target == null) return;
        synchronized (this) {
            if (closed) return;
            TopicState topic = topics.computeIfAbsent(target.topic(), TopicState::new);
            if (!topic.advised.add(target)) return;
            Instant now = now();
            if (!link.isUp()) {
                publish(target, Sample.unreachable(now));
            } else if (topic.lastPayload != null) {
                // the broker sends a retained message once per SUBSCRIBE: a second point on the topic gets the copy
                publish(target, sampleOf(target, topic.lastPayload, topic.lastReceived));
            } else if (topic.subscription == TopicState.Subscription.REFUSED) {
                publish(target, error(target, topic.refusal, now));
            } else {
                subscribe(topic);
                if (topic.subscription == TopicState.Subscription.SUBSCRIBED) {
                    // subscribed earlier without a retained message: the newcomer too turns unreachable in time
                    long current = connection;
                    schedule(() -> noRetainedValue(topic, current), settings.link().timeout());
                }
            }
        }
    }

    @Override
    public void unadvise(Point point) {
        MqttPoint target = points.get(key(point));
        if (target == null) return;
        synchronized (this) {
            TopicState topic = topics.get(target.topic());
            if (topic != null && topic.advised.remove(target)) releaseIfUnneeded(topic);
        }
    }

    @Override
    public CompletionStage<Sample> read(Point point) {
        MqttPoint target = points.get(key(point));
        Instant now = now();
        if (target == null) return CompletableFuture.completedFuture(new Sample(null, SampleStatus.NOT_EXIST, now));
        synchronized (this) {
            if (closed) return CompletableFuture.failedFuture(Fault.UNREACHABLE.exception(controller + " is stopped"));
            if (!link.isUp()) return CompletableFuture.completedFuture(Sample.unreachable(now));
            TopicState topic = topics.computeIfAbsent(target.topic(), TopicState::new);
            hold(topic, now);
            if (topic.lastPayload != null) {
                return CompletableFuture.completedFuture(sampleOf(target, topic.lastPayload, topic.lastReceived));
            }
            if (topic.subscription == TopicState.Subscription.REFUSED) {
                return CompletableFuture.completedFuture(error(target, topic.refusal, now));
            }
            subscribe(topic);
            CompletableFuture<Sample> result = new CompletableFuture<>();
            ScheduledFuture<?> deadline = schedule(() -> readTimedOut(topic, result), settings.link().timeout());
            topic.reads.add(new TopicState.PendingRead(target, result, deadline));
            return result;
        }
    }

    private synchronized void readTimedOut(TopicState topic, CompletableFuture<Sample> result) {
        if (!topic.reads.removeIf(read -> read.result() == result)) return;
        // nothing retained and nothing published within the timeout: the broker cannot say more
        log.debug("{}: no message on {} within {}", peer, topic.topic, Durations.describe(settings.link().timeout()));
        result.complete(Sample.unreachable(now()));
    }

    @Override
    public CompletionStage<Void> write(Point point, Object value) {
        MqttPoint target = points.get(key(point));
        if (target == null) {
            return CompletableFuture.failedFuture(Fault.NOT_FOUND.exception(controller + " has no point " + point.address()));
        }
        String name = target.name(controller);
        if (target.commandTopic() == null || !target.point().writable()) {
            return CompletableFuture.failedFuture(Fault.NOT_WRITABLE.exception(name + " has no commandTopic"));
        }
        byte[] payload;
        try {
            payload = Payloads.encode(target, value);
        } catch (VaktException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        CompletableFuture<Void> sent;
        synchronized (this) {
            if (closed || !link.isUp()) {
                return CompletableFuture.failedFuture(Fault.UNREACHABLE.exception(name + ": broker " + settings.peer()
                        + " is not connected" + (peer.lastProblem().isEmpty() ? "" : " (" + peer.lastProblem() + ")")));
            }
            // subscribed before the command goes out, so the device's echo on the state topic is not missed
            TopicState state = topics.computeIfAbsent(target.topic(), TopicState::new);
            hold(state, now());
            subscribe(state);
            sent = client.publish(target.commandTopic(), payload, target.commandRetain());
        }
        Duration timeout = settings.link().timeout();
        return sent.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((ignored, failure) -> {
            if (failure == null) return null;
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            throw switch (cause) {
                case TimeoutException e -> Fault.UNREACHABLE.exception(name + ": broker did not acknowledge the command within "
                        + Durations.describe(timeout));
                case RefusedByBroker e -> Fault.WRITE_FAILED.exception(name + ": " + e.getMessage());
                default -> Fault.UNREACHABLE.exception(name + ": " + Reconnector.reason(cause));
            };
        });
    }

    @Override
    public java.util.Optional<io.vakt.core.driver.LinkStatus> status() { return java.util.Optional.of(peer.status()); }

    // --- link events (BrokerLink) ---

    @Override
    public void up() {
        synchronized (this) {
            if (closed) return;
            listenAndSubscribe();
        }
    }

    /**
     * HiveMQ ends the incoming flow at every session end, and with a clean start that signal can come after the
     * new session's CONNACK, when {@link #up()} has already listened and subscribed: the retained messages would
     * go to a dead flow and the points would wait for the next publish. So a flow that ends while the link is up
     * is replaced and every topic subscribed again (a repeated SUBSCRIBE sends the retained message again).
     */
    private void flowEnded() {
        synchronized (this) {
            if (closed || !link.isUp()) return; // the next up() listens and subscribes
            listenAndSubscribe();
        }
    }

    /** Opens the incoming flow, then subscribes every topic still needed; the caller holds the driver's lock. */
    private void listenAndSubscribe() {
        // before any SUBSCRIBE: the retained messages follow the SUBACK at once
        client.listen();
        connection++;
        Instant now = now();
        for (TopicState topic : List.copyOf(topics.values())) {
            topic.connectionEnded();
            if (topic.needed(now)) subscribe(topic);
            else topics.remove(topic.topic);
        }
    }

    @Override
    public void down(String reason) {
        synchronized (this) {
            if (closed) return;
            connection++;
            Instant now = now();
            for (TopicState topic : topics.values()) {
                topic.connectionEnded();
                for (MqttPoint point : topic.advised) publish(point, Sample.unreachable(now));
                failReads(topic, now);
            }
        }
    }

    // --- messages ---

    private void received(String topicName, byte[] payload) {
        synchronized (this) {
            TopicState topic = topics.get(topicName);
            // a message queued before a loss must not make points look alive again
            if (closed || topic == null || !link.isUp()) return;
            Instant now = now();
            topic.lastPayload = payload;
            topic.lastReceived = now;
            for (MqttPoint point : topic.advised) publish(point, sampleOf(point, payload, now));
            for (TopicState.PendingRead read : topic.reads) {
                read.deadline().cancel(false);
                read.result().complete(sampleOf(read.point(), payload, now));
            }
            topic.reads.clear();
        }
    }

    private Sample sampleOf(MqttPoint point, byte[] payload, Instant time) {
        return switch (Payloads.decode(point, payload)) {
            case Payloads.Decoded.Value value -> {
                logged.remove(point);
                yield Sample.good(value.value(), time);
            }
            case Payloads.Decoded.Refused refused -> error(point, refused.reason(), time);
        };
    }

    private Sample error(MqttPoint point, String reason, Instant time) {
        if (logged.add(point)) {
            log.warn("{}: point {} (topic {}): {}; it shows an error until a usable message arrives", peer,
                    point.point().address(), point.topic(), reason);
        } else {
            log.debug("{}: point {} (topic {}): {}", peer, point.point().address(), point.topic(), reason);
        }
        return new Sample(null, SampleStatus.ERROR, time);
    }

    // --- subscriptions (all under the lock) ---

    private void subscribe(TopicState topic) {
        if (topic.subscription != TopicState.Subscription.NONE || !link.isUp()) return;
        topic.subscription = TopicState.Subscription.SUBSCRIBING;
        long current = connection;
        client.subscribe(topic.topic).whenComplete((ignored, failure) -> subscribed(topic, current, failure));
    }

    private synchronized void subscribed(TopicState topic, long subscribedOn, Throwable failure) {
        if (closed || subscribedOn != connection || topics.get(topic.topic) != topic) return;
        if (failure == null) {
            if (topic.subscription == TopicState.Subscription.SUBSCRIBING) topic.subscription = TopicState.Subscription.SUBSCRIBED;
            if (topic.lastPayload == null) schedule(() -> noRetainedValue(topic, subscribedOn), settings.link().timeout());
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof RefusedByBroker refused)) {
            // the connection went away under the SUBSCRIBE; down() and up() take it from here
            log.debug("{}: subscribing {} failed: {}", peer, topic.topic, cause.toString());
            topic.subscription = TopicState.Subscription.NONE;
            return;
        }
        topic.subscription = TopicState.Subscription.REFUSED;
        topic.refusal = "broker refused the subscription: " + refused.getMessage();
        Instant now = now();
        for (MqttPoint point : topic.advised) publish(point, error(point, topic.refusal, now));
        for (TopicState.PendingRead read : topic.reads) {
            read.deadline().cancel(false);
            read.result().complete(error(read.point(), topic.refusal, now));
        }
        topic.reads.clear();
    }

    /** Advised points of a topic without a retained message turn unreachable after the timeout, like a read. */
    private synchronized void noRetainedValue(TopicState topic, long subscribedOn) {
        if (closed || subscribedOn != connection || topic.lastPayload != null || topics.get(topic.topic) != topic) return;
        Instant now = now();
        for (MqttPoint point : topic.advised) publish(point, Sample.unreachable(now));
    }

    private void hold(TopicState topic, Instant now) {
        Instant until = now.plus(HOLD);
        if (until.isAfter(topic.heldUntil)) topic.heldUntil = until;
        schedule(() -> {
            synchronized (this) {
                if (topics.get(topic.topic) == topic) releaseIfUnneeded(topic);
            }
        }, HOLD.plusMillis(50));
    }

    private void releaseIfUnneeded(TopicState topic) {
        if (topic.needed(now())) return;
        topics.remove(topic.topic);
        if (topic.subscription != TopicState.Subscription.NONE && link.isUp()) {
            client.unsubscribe(topic.topic).whenComplete((ignored, failure) -> {
                if (failure != null) log.debug("{}: unsubscribing {} failed: {}", peer, topic.topic, failure.toString());
            });
        }
    }

    private void failReads(TopicState topic, Instant now) {
        for (TopicState.PendingRead read : topic.reads) {
            read.deadline().cancel(false);
            read.result().complete(Sample.unreachable(now));
        }
        topic.reads.clear();
    }

    private void publish(MqttPoint point, Sample sample) {
        try {
            context.sink().accept(point.point(), sample);
        } catch (RuntimeException e) {
            log.warn("sample sink failed for {}", point.name(controller), e);
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return context.scheduler().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return new CancelledTimer();
        }
    }

    private Instant now() { return context.clock().instant(); }

    private static String key(Point point) { return point.address().toLowerCase(Locale.ROOT); }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            Instant now = now();
            for (TopicState topic : topics.values()) failReads(topic, now);
            topics.clear();
        }
        link.close();
    }

    /** Stands in for a timer the scheduler refused because it is shutting down. */
    private static final class CancelledTimer extends CompletableFuture<Void> implements ScheduledFuture<Void> {
        CancelledTimer() { cancel(false); }

        @Override
        public long getDelay(TimeUnit unit) { return 0; }

        @Override
        public int compareTo(java.util.concurrent.Delayed other) { return 0; }
    }
}
