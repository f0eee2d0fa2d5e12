package io.vakt.wamp.broker;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Publish;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Subscribed;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.testing.RecordingPeer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A broker on a fixed clock with helpers that speak to it as sessions would. */
final class BrokerHarness {
    static final Instant NOW = Instant.parse("2025-03-04T05:06:07.089Z");

    final WampStats stats = new WampStats();
    final Broker broker;
    private long request;

    BrokerHarness() { this(WampConfig.defaults("acme")); }

    BrokerHarness(WampConfig config) {
        broker = new Broker(new IdGenerator(), config, stats, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The default configuration with another limit on subscriptions per session. */
    static WampConfig maxSubscriptions(int maxSubscriptionsPerSession) {
        WampConfig d = WampConfig.defaults("acme");
        return new WampConfig(d.realms(), d.helloTimeout(), d.maxMessageBytes(), d.maxPendingCallsPerSession(),
                maxSubscriptionsPerSession, d.maxRegistrationsPerSession(), d.defaultCallTimeout(),
                d.maxQueuedEvents(), d.maxQueuedMessages(), d.goodbyeTimeout(), d.permissions());
    }

    /** Subscribes and returns the subscription id from the SUBSCRIBED reply. */
    long subscribe(RecordingPeer peer, String topic, Map<String, Object> options) {
        long id = ++request;
        broker.subscribe(peer, new Subscribe(id, options, topic));
        Subscribed subscribed = peer.received(Subscribed.class).getLast();
        if (subscribed.request() != id) throw new AssertionError("no SUBSCRIBED for request " + id + ": " + peer.received());
        return subscribed.subscription();
    }

    long subscribe(RecordingPeer peer, String topic) { return subscribe(peer, topic, Map.of()); }

    /** Publishes and returns the request id used. */
    long publish(RecordingPeer peer, String topic, Map<String, Object> options, Payload payload) {
        long id = ++request;
        broker.publish(peer, new Publish(id, options, topic, payload));
        return id;
    }

    long publish(RecordingPeer peer, String topic, Map<String, Object> options) {
        return publish(peer, topic, options, Payload.of(List.of("hello")));
    }

    long nextRequest() { return ++request; }

    static List<Event> events(RecordingPeer peer) { return peer.received(Event.class); }
}
