package io.vakt.wamp.broker;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Publish;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Subscribed;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the broker through the multisession conformance vectors: client steps are handed to the broker, and
 * every router step must be the next message its session received, of the same type and shape. Ids the router
 * assigns itself (subscriptions, publications) are matched through the first time they appear.
 */
class BrokerVectorTest {
    private static final String VECTOR = "/conformance/wamp/multisession/advanced/publisher_exclusion_disabled.json";

    private final BrokerHarness harness = new BrokerHarness();
    private final Map<String, RecordingPeer> sessions = new HashMap<>();
    private final Map<RecordingPeer, Integer> read = new HashMap<>();
    private final Map<Long, Long> subscriptionIds = new HashMap<>();
    private final Map<Long, Long> publicationIds = new HashMap<>();

    @Test
    void publisherReceivesOwnEventWhenExcludeMeFalse() throws IOException {
        Map<String, Object> vector = load(VECTOR);
        long sessionId = 100;
        for (Map<String, Object> session : maps(vector.get("sessions"))) {
            String name = (String) session.get("session_id");
            sessions.put(name, new RecordingPeer(++sessionId, name, Identity.USER_ROLE, Set.of()));
        }

        for (Map<String, Object> step : maps(vector.get("sequence"))) {
            Map<String, Object> message = map(step.get("message"));
            String description = "step " + step.get("step") + ": " + step.get("description");
            if ("router".equals(step.get("from"))) {
                expect(sessions.get((String) step.get("to")), message, description);
            } else {
                send(sessions.get((String) step.get("from")), message);
            }
        }

        Map<String, Object> outcome = map(vector.get("expected_outcome"));
        List<String> recipients = new ArrayList<>();
        long events = 0;
        for (Map.Entry<String, RecordingPeer> session : sessions.entrySet()) {
            assertThat(session.getValue().received()).as("nothing beyond the vector for " + session.getKey())
                    .hasSize(read.getOrDefault(session.getValue(), 0));
            long received = session.getValue().received(Event.class).size();
            if (received > 0) recipients.add(session.getKey());
            events += received;
        }
        assertThat(events).isEqualTo(number(outcome.get("event_count")));
        assertThat(recipients).containsExactlyInAnyOrderElementsOf(strings(outcome.get("event_recipients")));
    }

    private void send(RecordingPeer peer, Map<String, Object> message) {
        long request = number(message.get("request_id"));
        Map<String, Object> options = map(message.getOrDefault("options", Map.of()));
        switch ((String) message.get("type")) {
            case "SUBSCRIBE" -> harness.broker.subscribe(peer, new Subscribe(request, options, (String) message.get("topic")));
            case "PUBLISH" -> harness.broker.publish(peer, new Publish(request, options, (String) message.get("topic"),
                    payload(message)));
            default -> throw new AssertionError("client message type not driven by this test: " + message.get("type"));
        }
    }

    private void expect(RecordingPeer peer, Map<String, Object> expected, String description) {
        int index = read.getOrDefault(peer, 0);
        assertThat(peer.received()).as(description).hasSizeGreaterThan(index);
        WampMessage actual = peer.received().get(index);
        read.put(peer, index + 1);
        switch ((String) expected.get("type")) {
            case "SUBSCRIBED" -> assertThat(actual).as(description).isInstanceOfSatisfying(Subscribed.class, subscribed -> {
                assertThat(subscribed.request()).isEqualTo(number(expected.get("request_id")));
                assertSameId(subscriptionIds, number(expected.get("subscription_id")), subscribed.subscription());
            });
            case "EVENT" -> assertThat(actual).as(description).isInstanceOfSatisfying(Event.class, event -> {
                assertSameId(subscriptionIds, number(expected.get("subscription_id")), event.subscription());
                assertSameId(publicationIds, number(expected.get("publication_id")), event.publication());
                assertThat(event.details()).isEqualTo(expected.getOrDefault("details", Map.of()));
                assertThat(event.payload().args()).isEqualTo(expected.get("args"));
                assertThat(event.payload().kwargs()).isEqualTo(expected.get("kwargs"));
            });
            default -> throw new AssertionError("router message type not checked by this test: " + expected.get("type"));
        }
    }

    /** The vector's id stands for whatever valid id the router chose the first time; later it must be the same one. */
    private static void assertSameId(Map<Long, Long> ids, long vectorId, long actual) {
        assertThat(IdGenerator.valid(actual)).isTrue();
        Long known = ids.putIfAbsent(vectorId, actual);
        if (known != null) assertThat(actual).isEqualTo(known);
    }

    private static Payload payload(Map<String, Object> message) {
        @SuppressWarnings("unchecked") List<Object> args = (List<Object>) message.get("args");
        Map<String, Object> kwargs = message.containsKey("kwargs") ? map(message.get("kwargs")) : null;
        return new Payload(args, kwargs, null);
    }

    private static Map<String, Object> load(String resource) throws IOException {
        try (InputStream in = BrokerVectorTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return map(JsonMapper.builder().build().readValue(in, LinkedHashMap.class));
        }
    }

    private static long number(Object value) { return ((Number) value).longValue(); }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) { return (Map<String, Object>) value; }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) { return (List<Map<String, Object>>) value; }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) { return (List<String>) value; }
}
