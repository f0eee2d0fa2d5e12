package io.vakt.driver.bacnet;

import io.vakt.driver.bacnet.client.BacnetClient;
import io.vakt.driver.bacnet.client.BacnetFailure;
import io.vakt.driver.bacnet.codec.ObjectIdentifier;
import io.vakt.driver.bacnet.codec.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The SubscribeCOV subscriptions of one device (clause 13.14): one per advised present-value point, renewed at
 * 80 % of the lifetime. A device that refuses one (an Error such as services/optional-functionality-not-supported)
 * gets that point polled instead; a device that does not answer is reported to {@code onSilence}.
 */
final class CovSubscriptions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CovSubscriptions.class);

    /** Where one point's subscription stands. */
    enum State { SUBSCRIBING, ACTIVE, REFUSED }

    private static final class Subscription {
        final BacnetPoint point;
        State state = State.SUBSCRIBING;
        ScheduledFuture<?> renewal;

        Subscription(BacnetPoint point) { this.point = point; }
    }

    private final BacnetClient client;
    private final BacnetSettings settings;
    private final ScheduledExecutorService scheduler;
    private final long processId;
    private final String controller;
    private final Consumer<Throwable> onSilence;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    CovSubscriptions(BacnetClient client, BacnetSettings settings, ScheduledExecutorService scheduler, long processId,
                     String controller, Consumer<Throwable> onSilence) {
        this.client = client;
        this.settings = settings;
        this.scheduler = scheduler;
        this.processId = processId;
        this.controller = controller;
        this.onSilence = onSilence;
    }

    long processId() { return processId; }

    /** Subscribes (or renews) the point's object. */
    void subscribe(InetSocketAddress peer, BacnetPoint point) {
        if (closed) return;
        Subscription subscription = subscriptions.computeIfAbsent(point.key(), key -> new Subscription(point));
        long lifetime = settings.covLifetime().toSeconds();
        client.request(peer, Services.SUBSCRIBE_COV, Services.subscribeCov(processId, point.object(), settings.covConfirmed(), lifetime))
                .whenComplete((ack, failure) -> answered(peer, subscription, failure));
    }

    private void answered(InetSocketAddress peer, Subscription subscription, Throwable failure) {
        if (subscriptions.get(subscription.point.key()) != subscription || closed) return;
        BacnetFailure bacnet = failure == null ? null : BacnetFailure.of(failure);
        synchronized (subscription) {
            if (failure == null) {
                subscription.state = State.ACTIVE;
                long renewMillis = Math.max(500, settings.covLifetime().toMillis() * 4 / 5);
                try {
                    subscription.renewal = scheduler.schedule(() -> renew(peer, subscription), renewMillis, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException shuttingDown) {
                    // the assembly is stopping; nothing to renew
                }
                return;
            }
            if (bacnet != null && bacnet.kind() != BacnetFailure.Kind.TIMEOUT && bacnet.kind() != BacnetFailure.Kind.CLOSED) {
                subscription.state = State.REFUSED;
                log.info("Controller {}: {} refused SubscribeCOV ({}); polling it every {}", controller,
                        subscription.point.name(), bacnet.getMessage(), io.vakt.core.driver.support.Durations.describe(settings.pollInterval()));
                return;
            }
        }
        subscriptions.remove(subscription.point.key(), subscription);
        onSilence.accept(failure);
    }

    private void renew(InetSocketAddress peer, Subscription subscription) {
        if (closed || subscriptions.get(subscription.point.key()) != subscription) return;
        subscribe(peer, subscription.point);
    }

    /** Whether COV delivers the point (subscribed, or the subscription is on its way). */
    boolean delivers(BacnetPoint point) {
        Subscription subscription = subscriptions.get(point.key());
        return subscription != null && subscription.state != State.REFUSED;
    }

    /** The subscribed points of {@code object}. */
    List<BacnetPoint> pointsOf(ObjectIdentifier object) {
        List<BacnetPoint> points = new ArrayList<>();
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.point.object().equals(object) && subscription.state != State.REFUSED) points.add(subscription.point);
        }
        return points;
    }

    /** The point is no longer watched: stop renewing and tell the device (best effort). */
    void cancel(InetSocketAddress peer, BacnetPoint point) {
        Subscription subscription = subscriptions.remove(point.key());
        if (subscription == null) return;
        stopRenewal(subscription);
        if (peer != null && subscription.state == State.ACTIVE && pointsOf(point.object()).isEmpty()) {
            client.request(peer, Services.SUBSCRIBE_COV, Services.subscribeCov(processId, point.object(), false, -1));
        }
    }

    /** The device went away: forget every subscription, so the next connection subscribes afresh. */
    void forgetAll() {
        for (Subscription subscription : subscriptions.values()) stopRenewal(subscription);
        subscriptions.clear();
    }

    /** Subscriptions held (timers included), for leak checks. */
    int size() { return subscriptions.size(); }

    private static void stopRenewal(Subscription subscription) {
        synchronized (subscription) {
            if (subscription.renewal != null) subscription.renewal.cancel(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        forgetAll();
    }
}
