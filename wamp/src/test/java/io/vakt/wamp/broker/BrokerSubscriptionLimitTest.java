package io.vakt.wamp.broker;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Unsubscribe;
import io.vakt.wamp.message.WampMessage.Unsubscribed;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vakt.wamp.broker.BrokerHarness.events;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code maxSubscriptionsPerSession}: what counts as a new subscription, and what frees one. */
class BrokerSubscriptionLimitTest {
    private final BrokerHarness harness = new BrokerHarness(BrokerHarness.maxSubscriptions(2));
    private final Broker broker = harness.broker;

    private final RecordingPeer alice = new RecordingPeer(2);
    private final RecordingPeer bob = new RecordingPeer(3);
    private final RecordingPeer watcher = new RecordingPeer(9);

    @Test
    void rejectsSubscriptionBeyondLimit() {
        harness.subscribe(watcher, Broker.ON_CREATE);
        harness.subscribe(alice, "com.example.a");
        harness.subscribe(alice, "com.example.b");

        WampMessage.Error error = subscribeFails(alice, "com.example.c", Map.of());

        assertThat(error.error()).isEqualTo(WampUris.LIMIT_EXCEEDED);
        assertThat(error.payload().args()).isEqualTo(List.of("at most 2 subscriptions per session"));
        assertThat(broker.lookup("com.example.c", null)).as("nothing created").isNull();
        assertThat(events(watcher)).as("on_create for a and b only").hasSize(2);
    }

    @Test
    void resubscribeAtLimitStillAllowed() {
        long a = harness.subscribe(alice, "com.example.a");
        harness.subscribe(alice, "com.example.b");

        assertThat(harness.subscribe(alice, "com.example.a")).isEqualTo(a);
        // the same URI under another match policy is another subscription
        assertThat(subscribeFails(alice, "com.example.a", Map.of("match", "prefix")).error())
                .isEqualTo(WampUris.LIMIT_EXCEEDED);
    }

    @Test
    void joiningAnotherSessionsSubscriptionCountsAndTheLimitIsPerSession() {
        long shared = harness.subscribe(bob, "com.example.shared");
        harness.subscribe(alice, "com.example.a");
        harness.subscribe(alice, "com.example.b");

        assertThat(subscribeFails(alice, "com.example.shared", Map.of()).error()).isEqualTo(WampUris.LIMIT_EXCEEDED);
        assertThat(broker.subscribers(shared)).containsExactly(bob.sessionId());
        harness.subscribe(bob, "com.example.a");
        assertThat(broker.subscriberCount(broker.lookup("com.example.a", null))).isEqualTo(2);
    }

    @Test
    void unsubscribeFreesASlot() {
        long a = harness.subscribe(alice, "com.example.a");
        harness.subscribe(alice, "com.example.b");
        subscribeFails(alice, "com.example.c", Map.of());

        long request = harness.nextRequest();
        broker.unsubscribe(alice, new Unsubscribe(request, a));
        assertThat(alice.last(Unsubscribed.class).request()).isEqualTo(request);

        long c = harness.subscribe(alice, "com.example.c");
        assertThat(broker.subscribers(c)).containsExactly(alice.sessionId());
    }

    private WampMessage.Error subscribeFails(RecordingPeer peer, String topic, Map<String, Object> options) {
        long request = harness.nextRequest();
        broker.subscribe(peer, new Subscribe(request, options, topic));
        WampMessage.Error error = peer.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(Subscribe.CODE);
        assertThat(error.request()).isEqualTo(request);
        return error;
    }
}
