package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Testaments (WAMP spec "Testament"). */
class TestamentTest {
    private final MetaHarness harness = new MetaHarness();
    private final RecordingPeer dying = harness.sessions.join(new RecordingPeer(1, "sensor", Identity.SERVICE_ROLE, Set.of()));
    private final RecordingPeer watcher = harness.sessions.join(new RecordingPeer(2));
    private final RecordingPeer ignored = harness.sessions.join(new RecordingPeer(3));

    @Test
    void testamentPublishedOnLeave() {
        for (RecordingPeer peer : List.of(watcher, ignored)) {
            harness.broker.subscribe(peer, new Subscribe(1, Map.of("match", "prefix"), "com.example."));
        }
        harness.call(dying, TestamentProcedures.ADD, Payload.of(List.of("com.example.gone", List.of("destroyed"), Map.of("why", "x"))));
        harness.call(dying, TestamentProcedures.ADD, Payload.of(List.of("com.example.gone", List.of("detached"), Map.of()),
                Map.of("scope", "detached", "publish_options", Map.of("disclose_me", true, "exclude", List.of(3L)))));
        harness.call(dying, TestamentProcedures.ADD, Payload.of(List.of("COM.Example.State", List.of(), Map.of(),
                Map.of("publish_options", Map.of("retain", true)))));
        assertThat(harness.testaments.count(dying.sessionId())).isEqualTo(3);
        assertThat(watcher.received(Event.class)).isEmpty();

        dying.close();
        harness.testaments.sessionLeft(dying);

        List<Event> events = watcher.received(Event.class);
        assertThat(events).extracting(e -> e.payload().args()).containsExactly(List.of("detached"), List.of("destroyed"), List.of());
        assertThat(events.get(0).details()).containsEntry("publisher", 1L).containsEntry("publisher_authid", "sensor");
        assertThat(events.get(1).details()).doesNotContainKey("publisher");
        assertThat(events.get(1).payload().kwargs()).isEqualTo(Map.of("why", "x"));
        assertThat(events.get(2).details()).containsEntry("topic", "com.example.state");
        assertThat(ignored.received(Event.class)).as("publish options apply").hasSize(2);
        assertThat(harness.testaments.count(dying.sessionId())).isZero();

        RecordingPeer late = new RecordingPeer(4);
        harness.broker.subscribe(late, new Subscribe(1, Map.of("get_retained", true), "com.example.state"));
        assertThat(late.received(Event.class)).as("retained as asked").hasSize(1);

        harness.testaments.sessionLeft(dying);
        assertThat(watcher.received(Event.class)).as("published once").hasSize(3);
    }

    @Test
    void flushTestamentsClears() {
        harness.broker.subscribe(watcher, new Subscribe(1, Map.of(), "com.example.gone"));
        for (String scope : List.of("destroyed", "destroyed", "detached")) {
            harness.call(dying, TestamentProcedures.ADD, Payload.of(List.of("com.example.gone", List.of(), Map.of(), Map.of("scope", scope))));
        }

        assertThat(harness.call(dying, TestamentProcedures.FLUSH)).isEqualTo(2L);
        assertThat(harness.call(dying, TestamentProcedures.FLUSH, Map.of("scope", "destroyed"))).isEqualTo(0L);
        assertThat(harness.call(dying, TestamentProcedures.FLUSH, Payload.of(List.of(), Map.of("scope", "detached"))).args())
                .containsExactly(1L);
        harness.testaments.sessionLeft(dying);

        assertThat(watcher.received(Event.class)).isEmpty();
    }

    @Test
    void testamentNeedsPublishPermissionAndHasALimit() {
        assertThat(harness.fails(dying, TestamentProcedures.ADD, "wamp.session.on_leave", List.of(), Map.of()).uri())
                .isEqualTo(WampUris.NOT_AUTHORIZED);

        for (int i = 0; i < Testaments.MAX_PER_SESSION; i++) {
            harness.call(dying, TestamentProcedures.ADD, Payload.of(List.of("com.example.gone")));
        }
        assertThat(harness.fails(dying, TestamentProcedures.ADD, "com.example.gone").uri()).isEqualTo(WampUris.LIMIT_EXCEEDED);
    }
}
