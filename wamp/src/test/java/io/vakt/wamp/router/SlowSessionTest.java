package io.vakt.wamp.router;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.testing.RouterFixture;
import io.vakt.wamp.testing.WampTestClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The slow-session policy of {@link SessionOutbox}, through the router. */
class SlowSessionTest {
    private final RouterFixture fixture = new RouterFixture(RouterFixture.withQueues(3, 2));

    private static void publish(WampTestClient publisher, long value) {
        publisher.send(new WampMessage.Publish(publisher.nextRequest(), Map.of(), "com.example.topic", Payload.of(List.of(value))));
    }

    private static List<Object> eventValues(WampTestClient client) {
        return client.received(Event.class).stream().map(e -> e.payload().args().get(0)).toList();
    }

    @Test
    void slowSessionDropsEventsAndCounts() {
        WampTestClient slow = fixture.joined("token-alice");
        WampTestClient publisher = fixture.joined("token-bob");
        slow.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        slow.transport.clear();
        slow.transport.setFull(true);

        for (long value = 1; value <= 5; value++) publish(publisher, value);

        assertThat(slow.transport.frames()).isEmpty();
        assertThat(fixture.stats.eventsDropped.sum()).isEqualTo(2);
        assertThat(slow.transport.drainRequested()).isTrue();

        slow.transport.drain();

        assertThat(eventValues(slow)).containsExactly(1L, 2L, 3L);
        publish(publisher, 6);
        assertThat(eventValues(slow)).containsExactly(1L, 2L, 3L, 6L);
        assertThat(slow.transport.isClosed()).isFalse();
        assertThat(fixture.stats.slowSessionsClosed.sum()).isZero();
    }

    @Test
    void keepsOrderOfQueuedEventsAndReplies() {
        WampTestClient slow = fixture.joined("token-alice");
        WampTestClient publisher = fixture.joined("token-bob");
        slow.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        slow.transport.clear();
        slow.transport.setFull(true);

        publish(publisher, 1);
        slow.send(new WampMessage.Subscribe(2, Map.of(), "com.example.other"));
        publish(publisher, 2);
        slow.transport.drain();

        assertThat(slow.received()).extracting(m -> m.getClass().getSimpleName())
                .containsExactly("Event", "Subscribed", "Event");
    }

    @Test
    void flushesOnlyWhileTheTransportTakesMore() {
        WampTestClient slow = fixture.joined("token-alice");
        WampTestClient publisher = fixture.joined("token-bob");
        slow.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        slow.transport.clear();
        slow.transport.setFull(true);
        for (long value = 1; value <= 3; value++) publish(publisher, value);

        // The socket drains a little and is full again after one frame.
        slow.transport.fullAfter(1);
        slow.transport.drain();
        assertThat(eventValues(slow)).containsExactly(1L);
        assertThat(slow.transport.drainRequested()).isTrue();

        publish(publisher, 4);
        slow.transport.drain();
        assertThat(eventValues(slow)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(fixture.stats.eventsDropped.sum()).isZero();
    }

    @Test
    void slowSessionClosedWhenResultsCannotBeQueued() {
        WampTestClient slow = fixture.joined("token-alice");
        WampTestClient other = fixture.joined("token-bob");
        slow.transport.setFull(true);

        for (long request = 1; request <= 2; request++) {
            slow.send(new WampMessage.Subscribe(request, Map.of(), "com.example.topic" + request));
        }
        assertThat(slow.transport.isClosed()).isFalse();

        slow.send(new WampMessage.Subscribe(3, Map.of(), "com.example.topic3"));

        assertThat(slow.transport.closeCode()).isEqualTo(1008);
        assertThat(slow.transport.closeReason()).isEqualTo("too slow to receive results");
        assertThat(slow.transport.frames()).isEmpty();
        assertThat(fixture.stats.slowSessionsClosed.sum()).isEqualTo(1);
        assertThat(fixture.router.sessionCount()).isEqualTo(1);
        assertThat(other.transport.isClosed()).isFalse();

        slow.transport.drain();
        assertThat(slow.transport.frames()).as("nothing is sent after the close").isEmpty();
    }

    @Test
    void slowCalleeClosedWhenInvocationsCannotBeQueued() {
        WampTestClient callee = fixture.joined("key-ssf");
        WampTestClient caller = fixture.joined("token-alice");
        callee.send(new WampMessage.Register(1, Map.of(), "accounts.acme.services.ssf.execute"));
        callee.transport.setFull(true);

        for (long request = 1; request <= 3; request++) {
            caller.send(new WampMessage.Call(request, Map.of(), "accounts.acme.services.ssf.execute", Payload.EMPTY));
        }

        assertThat(callee.transport.closeCode()).isEqualTo(1008);
        assertThat(fixture.stats.slowSessionsClosed.sum()).isEqualTo(1);
        // The callee left, so the calls routed to it end with an ERROR for the caller instead of hanging.
        assertThat(caller.received(WampMessage.Error.class)).hasSize(3);
        assertThat(caller.transport.isClosed()).isFalse();
    }
}
