package io.vakt.wamp.broker;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Subscribed;
import io.vakt.wamp.message.WampMessage.Unsubscribe;
import io.vakt.wamp.message.WampMessage.Unsubscribed;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vakt.wamp.broker.BrokerHarness.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Subscribing, unsubscribing, leaving, retained events, meta events and the broker's meta queries. */
class BrokerSubscriptionTest {
    private final BrokerHarness harness = new BrokerHarness();
    private final Broker broker = harness.broker;

    private final RecordingPeer publisher = new RecordingPeer(1);
    private final RecordingPeer alice = new RecordingPeer(2);
    private final RecordingPeer bob = new RecordingPeer(3);
    private final RecordingPeer watcher = new RecordingPeer(9);

    @Test
    void resubscribeReturnsSameId() {
        long first = harness.subscribe(alice, "com.example.topic");
        long again = harness.subscribe(alice, "com.example.topic");
        long other = harness.subscribe(bob, "com.example.topic");
        long prefix = harness.subscribe(alice, "com.example.topic", Map.of("match", "prefix"));

        assertThat(again).isEqualTo(first);
        assertThat(other).isEqualTo(first);
        assertThat(prefix).isNotEqualTo(first);
        assertThat(broker.subscribers(first)).containsExactly(alice.sessionId(), bob.sessionId());

        harness.publish(publisher, "com.example.topic", Map.of());
        assertThat(events(alice)).extracting(Event::subscription).containsExactly(first, prefix);
    }

    @Test
    void unsubscribeUnknownErrors() {
        long subscription = harness.subscribe(alice, "com.example.topic");

        long request = harness.nextRequest();
        broker.unsubscribe(bob, new Unsubscribe(request, subscription));
        WampMessage.Error notMine = bob.last(WampMessage.Error.class);
        assertThat(notMine.requestType()).isEqualTo(Unsubscribe.CODE);
        assertThat(notMine.request()).isEqualTo(request);
        assertThat(notMine.error()).isEqualTo(WampUris.NO_SUCH_SUBSCRIPTION);

        broker.unsubscribe(alice, new Unsubscribe(harness.nextRequest(), 987_654));
        assertThat(alice.last(WampMessage.Error.class).error()).isEqualTo(WampUris.NO_SUCH_SUBSCRIPTION);

        long ok = harness.nextRequest();
        broker.unsubscribe(alice, new Unsubscribe(ok, subscription));
        assertThat(alice.last(Unsubscribed.class)).isEqualTo(new Unsubscribed(ok, Map.of()));
        assertThat(broker.get(subscription)).isNull();

        broker.unsubscribe(alice, new Unsubscribe(harness.nextRequest(), subscription));
        assertThat(alice.last(WampMessage.Error.class).error()).isEqualTo(WampUris.NO_SUCH_SUBSCRIPTION);
    }

    @Test
    void rejectsUnknownMatchPolicy() {
        broker.subscribe(alice, new Subscribe(7, Map.of("match", "regex"), "com.example"));

        WampMessage.Error error = alice.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(Subscribe.CODE);
        assertThat(error.request()).isEqualTo(7);
        assertThat(error.error()).isEqualTo(WampUris.INVALID_ARGUMENT);
        assertThat(broker.list().values()).allSatisfy(ids -> assertThat(ids).isEmpty());
    }

    @Test
    void subscribeEmitsCreateAndSubscribeMeta() {
        long onCreate = harness.subscribe(watcher, Broker.ON_CREATE);
        long onSubscribe = harness.subscribe(watcher, Broker.ON_SUBSCRIBE);
        assertThat(events(watcher)).as("meta topics are not announced").isEmpty();

        long subscription = harness.subscribe(alice, "com.example.topic");
        harness.subscribe(bob, "com.example.topic");
        harness.subscribe(bob, "com.example.topic");

        List<Event> events = events(watcher);
        assertThat(events).extracting(Event::subscription).containsExactly(onCreate, onSubscribe, onSubscribe);
        assertThat(events.get(0).payload().args()).containsExactly(alice.sessionId(), Map.of(
                "id", subscription, "created", "2025-03-04T05:06:07.089Z", "uri", "com.example.topic", "match", "exact"));
        assertThat(events.get(1).payload().args()).containsExactly(alice.sessionId(), subscription);
        assertThat(events.get(2).payload().args()).containsExactly(bob.sessionId(), subscription);
    }

    @Test
    void sessionLeftRemovesSubscriptionsAndEmitsMeta() {
        long onUnsubscribe = harness.subscribe(watcher, Broker.ON_UNSUBSCRIBE);
        long onDelete = harness.subscribe(watcher, Broker.ON_DELETE);
        long shared = harness.subscribe(alice, "com.example.shared");
        long own = harness.subscribe(alice, "com.example", Map.of("match", "prefix"));
        harness.subscribe(bob, "com.example.shared");

        broker.sessionLeft(alice);

        assertThat(events(watcher)).extracting(Event::subscription, e -> e.payload().args()).containsExactly(
                tuple(onUnsubscribe, List.of(alice.sessionId(), shared)),
                tuple(onUnsubscribe, List.of(alice.sessionId(), own)),
                tuple(onDelete, List.of(alice.sessionId(), own)));
        assertThat(broker.subscribers(shared)).containsExactly(bob.sessionId());
        assertThat(broker.get(own)).isNull();
        assertThat(broker.lookup("com.example", "prefix")).isNull();

        alice.clear();
        harness.publish(publisher, "com.example.shared", Map.of());
        assertThat(alice.received()).isEmpty();
        assertThat(events(bob)).hasSize(1);

        broker.sessionLeft(alice);
        assertThat(events(watcher)).hasSize(3);
    }

    @Test
    void retainedEventOnSubscribe() {
        harness.publish(publisher, "com.example.state", Map.of("retain", true), Payload.of(List.of("old")));
        harness.publish(publisher, "com.example.state", Map.of("retain", true, "disclose_me", true), Payload.of(List.of("new")));
        harness.publish(publisher, "com.example.state", Map.of(), Payload.of(List.of("not retained")));
        harness.publish(publisher, "com.example.secret", Map.of("retain", true, "exclude", List.of(alice.sessionId())));

        long plain = harness.subscribe(bob, "com.example.state");
        assertThat(events(bob)).as("only on request").isEmpty();

        long subscription = harness.subscribe(alice, "com.example.state", Map.of("get_retained", true));
        assertThat(alice.received()).hasSize(2);
        assertThat(alice.received().get(0)).isInstanceOf(Subscribed.class);
        Event retained = alice.last(Event.class);
        assertThat(retained.subscription()).isEqualTo(subscription).isEqualTo(plain);
        assertThat(retained.payload().args()).containsExactly("new");
        assertThat(retained.details()).containsEntry("retained", true).containsEntry("publisher", publisher.sessionId())
                .doesNotContainKey("topic");

        alice.clear();
        long pattern = harness.subscribe(alice, "com.example", Map.of("match", "prefix", "get_retained", true));
        assertThat(events(alice)).as("the excluded retained event stays hidden").singleElement().satisfies(event -> {
            assertThat(event.subscription()).isEqualTo(pattern);
            assertThat(event.details()).containsEntry("topic", "com.example.state").containsEntry("retained", true);
        });

        RecordingPeer carol = new RecordingPeer(5);
        harness.subscribe(carol, "com..", Map.of("match", "wildcard", "get_retained", true));
        assertThat(events(carol)).extracting(e -> e.details().get("topic"))
                .containsExactlyInAnyOrder("com.example.state", "com.example.secret");
    }

    @Test
    void metaQueriesAnswerInTheDealersShapes() {
        long exact = harness.subscribe(alice, "com.example.topic");
        long prefix = harness.subscribe(bob, "com.example", Map.of("match", "prefix"));
        long wildcard = harness.subscribe(bob, "com..topic", Map.of("match", "wildcard"));
        harness.subscribe(bob, "com.example.topic");

        assertThat(broker.list()).isEqualTo(Map.of("exact", List.of(exact), "prefix", List.of(prefix),
                "wildcard", List.of(wildcard)));
        assertThat(broker.lookup("com.example.topic", null)).isEqualTo(exact);
        assertThat(broker.lookup("com.example.topic", "exact")).isEqualTo(exact);
        assertThat(broker.lookup("com.example", "prefix")).isEqualTo(prefix);
        assertThat(broker.lookup("com.example", "exact")).isNull();
        assertThat(broker.match("com.example.topic")).containsExactly(exact, prefix, wildcard);
        assertThat(broker.match("org.nothing")).isEmpty();
        assertThat(broker.get(wildcard)).isEqualTo(Map.of("id", wildcard, "created", "2025-03-04T05:06:07.089Z",
                "uri", "com..topic", "match", "wildcard"));
        assertThat(broker.subscribers(exact)).containsExactly(alice.sessionId(), bob.sessionId());
        assertThat(broker.subscriberCount(exact)).isEqualTo(2);
        assertThat(broker.get(42_000)).isNull();
        assertThat(broker.subscribers(42_000)).isNull();
        assertThat(broker.subscriberCount(42_000)).isNull();
    }
}
