package io.vakt.wamp.broker;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Publish;
import io.vakt.wamp.message.WampMessage.Published;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vakt.wamp.broker.BrokerHarness.events;
import static org.assertj.core.api.Assertions.assertThat;

/** Event routing: who receives a publication, with which details, encoded how often. */
class BrokerTest {
    private final BrokerHarness harness = new BrokerHarness();
    private final Broker broker = harness.broker;

    private final RecordingPeer publisher = new RecordingPeer(1);
    private final RecordingPeer alice = new RecordingPeer(2, "alice", Identity.USER_ROLE, Set.of());
    private final RecordingPeer bob = new RecordingPeer(3, "bob", Identity.USER_ROLE, Set.of());
    private final RecordingPeer service = new RecordingPeer(4, "reports", Identity.SERVICE_ROLE, Set.of());

    @Test
    void deliversToExactSubscribers() {
        long subscription = harness.subscribe(alice, "com.example.temp");
        harness.subscribe(bob, "com.example.temp");
        harness.subscribe(service, "com.example.other");
        Payload payload = Payload.of(List.of(21.5), Map.of("unit", "C"));

        harness.publish(publisher, "com.example.temp", Map.of(), payload);

        for (RecordingPeer subscriber : List.of(alice, bob)) {
            assertThat(events(subscriber)).singleElement().satisfies(event -> {
                assertThat(event.subscription()).isEqualTo(subscription);
                assertThat(IdGenerator.valid(event.publication())).isTrue();
                assertThat(event.details()).isEmpty();
                assertThat(event.payload()).isSameAs(payload);
            });
        }
        assertThat(events(service)).isEmpty();
        assertThat(publisher.received()).isEmpty();
        assertThat(harness.stats.publications.sum()).isEqualTo(1);
        assertThat(harness.stats.eventsDelivered.sum()).isEqualTo(2);
    }

    @Test
    void excludesPublisherByDefault() {
        harness.subscribe(publisher, "com.example.topic");
        harness.subscribe(alice, "com.example.topic");
        publisher.clear();

        harness.publish(publisher, "com.example.topic", Map.of());

        assertThat(publisher.received()).isEmpty();
        assertThat(events(alice)).hasSize(1);
    }

    @Test
    void excludeBySessionAuthidAuthrole() {
        RecordingPeer carol = new RecordingPeer(5, "carol", Identity.USER_ROLE, Set.of());
        for (RecordingPeer peer : List.of(alice, bob, service, carol)) harness.subscribe(peer, "com.example.topic");

        harness.publish(publisher, "com.example.topic", Map.of("exclude", List.of(alice.sessionId())));
        harness.publish(publisher, "com.example.topic", Map.of("exclude_authid", List.of("bob")));
        harness.publish(publisher, "com.example.topic", Map.of("exclude_authrole", List.of(Identity.SERVICE_ROLE)));

        assertThat(events(alice)).hasSize(2);
        assertThat(events(bob)).hasSize(2);
        assertThat(events(service)).hasSize(2);
        assertThat(events(carol)).hasSize(3);
    }

    @Test
    void eligibleWhitelists() {
        RecordingPeer carol = new RecordingPeer(5, "carol", Identity.USER_ROLE, Set.of());
        for (RecordingPeer peer : List.of(alice, bob, service, carol)) harness.subscribe(peer, "com.example.topic");

        harness.publish(publisher, "com.example.topic", Map.of("eligible", List.of(alice.sessionId(), bob.sessionId())));
        harness.publish(publisher, "com.example.topic", Map.of("eligible_authid", List.of("carol")));
        harness.publish(publisher, "com.example.topic", Map.of("eligible_authrole", List.of(Identity.SERVICE_ROLE)));
        // Black- and whitelists combine: eligible alice and bob, but bob is excluded.
        harness.publish(publisher, "com.example.topic",
                Map.of("eligible", List.of(alice.sessionId(), bob.sessionId()), "exclude_authid", List.of("bob")));

        assertThat(events(alice)).hasSize(2);
        assertThat(events(bob)).hasSize(1);
        assertThat(events(carol)).hasSize(1);
        assertThat(events(service)).hasSize(1);
    }

    @Test
    void prefixAndWildcardSubscriptionsCarryTopic() {
        long exact = harness.subscribe(alice, "com.myapp.room1.update");
        long prefix = harness.subscribe(bob, "com.myapp", Map.of("match", "prefix"));
        long wildcard = harness.subscribe(service, "com.myapp..update", Map.of("match", "wildcard"));

        harness.publish(publisher, "com.myapp.room1.update", Map.of());
        harness.publish(publisher, "com.myapp.room1.status", Map.of());
        harness.publish(publisher, "com.myapp.update", Map.of());

        assertThat(events(alice)).singleElement().satisfies(event -> {
            assertThat(event.subscription()).isEqualTo(exact);
            assertThat(event.details()).doesNotContainKey("topic");
        });
        assertThat(events(bob)).extracting(e -> e.details().get("topic"))
                .containsExactly("com.myapp.room1.update", "com.myapp.room1.status", "com.myapp.update");
        assertThat(events(bob)).allSatisfy(event -> assertThat(event.subscription()).isEqualTo(prefix));
        assertThat(events(service)).singleElement().satisfies(event -> {
            assertThat(event.subscription()).isEqualTo(wildcard);
            assertThat(event.details()).containsEntry("topic", "com.myapp.room1.update");
        });
    }

    @Test
    void subscriberOfTwoMatchingSubscriptionsGetsTwoEvents() {
        long exact = harness.subscribe(alice, "com.example.topic");
        long prefix = harness.subscribe(alice, "com.example.", Map.of("match", "prefix"));
        long wildcard = harness.subscribe(alice, "com..topic", Map.of("match", "wildcard"));

        harness.publish(publisher, "com.example.topic", Map.of());

        List<Event> events = events(alice);
        assertThat(events).extracting(Event::subscription).containsExactly(exact, prefix, wildcard);
        assertThat(events).extracting(Event::publication).containsOnly(events.getFirst().publication());
    }

    @Test
    void oneEncodingSharedByAllSubscribersOfASubscription() {
        harness.subscribe(alice, "com.example.topic");
        harness.subscribe(bob, "com.example.topic");
        harness.subscribe(service, "com.example.topic");
        harness.subscribe(bob, "com.example", Map.of("match", "prefix"));

        harness.publish(publisher, "com.example.topic", Map.of());

        assertThat(bob.events()).hasSize(2);
        assertThat(alice.events().getFirst()).isSameAs(bob.events().getFirst()).isSameAs(service.events().getFirst());
        assertThat(bob.events().get(1)).isNotSameAs(bob.events().getFirst());
    }

    @Test
    void acknowledgeSendsPublished() {
        harness.subscribe(alice, "com.example.topic");

        long request = harness.publish(publisher, "com.example.topic", Map.of("acknowledge", true));
        harness.publish(publisher, "com.example.topic", Map.of("acknowledge", false));

        assertThat(publisher.received()).singleElement().isInstanceOfSatisfying(Published.class, published -> {
            assertThat(published.request()).isEqualTo(request);
            assertThat(published.publication()).isEqualTo(events(alice).getFirst().publication());
        });
    }

    @Test
    void noErrorForUnacknowledgedPublish() {
        harness.subscribe(alice, "com.example.topic");

        harness.publish(publisher, "com.example.topic", Map.of("exclude", List.of("not-a-session-id")));
        assertThat(publisher.received()).isEmpty();
        assertThat(alice.received(Event.class)).isEmpty();

        long request = harness.publish(publisher, "com.example.topic",
                Map.of("exclude", List.of("not-a-session-id"), "acknowledge", true));
        WampMessage.Error error = publisher.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(Publish.CODE);
        assertThat(error.request()).isEqualTo(request);
        assertThat(error.error()).isEqualTo(WampUris.INVALID_ARGUMENT);
        assertThat(alice.received(Event.class)).isEmpty();
    }

    @Test
    void disclosesPublisher() {
        harness.subscribe(alice, "com.example.topic");
        harness.subscribe(bob, "com.example", Map.of("match", "prefix"));

        harness.publish(service, "com.example.topic", Map.of("disclose_me", true));
        harness.publish(service, "com.example.topic", Map.of());

        assertThat(events(alice).get(0).details()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "publisher", service.sessionId(), "publisher_authid", "reports", "publisher_authrole", "service"));
        assertThat(events(bob).get(0).details()).containsEntry("publisher", service.sessionId())
                .containsEntry("topic", "com.example.topic");
        assertThat(events(alice).get(1).details()).isEmpty();
    }

    @Test
    void skipsClosedSubscribers() {
        harness.subscribe(alice, "com.example.topic");
        harness.subscribe(bob, "com.example.topic");
        bob.close();

        harness.publish(publisher, "com.example.topic", Map.of());

        assertThat(events(alice)).hasSize(1);
        assertThat(events(bob)).isEmpty();
        assertThat(harness.stats.eventsDelivered.sum()).isEqualTo(1);
    }

    @Test
    void passesTransparentPayloadUntouched() {
        harness.subscribe(alice, "com.example.topic");
        Payload opaque = Payload.transparent(new byte[] {1, 2, 3});

        harness.publish(publisher, "com.example.topic", Map.of("enc_algo", "cryptobox"), opaque);

        assertThat(events(alice).getFirst().payload()).isSameAs(opaque);
    }

    @Test
    void routerPublicationExcludesNobody() {
        harness.subscribe(alice, "com.example.topic");
        harness.subscribe(bob, "com.example", Map.of("match", "prefix"));

        broker.publish("com.example.topic", Payload.of(List.of(1L)));

        assertThat(events(alice)).singleElement().satisfies(event -> assertThat(event.details()).isEmpty());
        assertThat(events(bob)).singleElement()
                .satisfies(event -> assertThat(event.details()).containsExactlyEntriesOf(Map.of("topic", "com.example.topic")));
    }
}
