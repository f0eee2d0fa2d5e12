package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Register;
import io.vakt.wamp.message.WampMessage.Registered;
import io.vakt.wamp.message.WampMessage.Result;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Subscribed;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registration and subscription meta APIs (WAMP spec "Registration Meta API", "Subscription Meta API"). */
class MatchTableMetaTest {
    private final MetaHarness harness = new MetaHarness();
    private final RecordingPeer caller = harness.sessions.join(new RecordingPeer(1));
    private final RecordingPeer first = harness.sessions.join(new RecordingPeer(2));
    private final RecordingPeer second = harness.sessions.join(new RecordingPeer(3));
    private long request;

    /** Through the dealer, as a client calls them: install() must have registered the procedures. */
    @Test
    void registrationMetaQueries() {
        harness.meta.install();
        long exact = register(first, "com.example.add", Map.of("invoke", "roundrobin"));
        register(second, "com.example.add", Map.of("invoke", "roundrobin"));
        long prefix = register(second, "com.example", Map.of("match", "prefix"));

        assertThat(dealerCall("wamp.registration.list")).isEqualTo(Map.of("exact", List.of(exact), "prefix", List.of(prefix),
                "wildcard", List.of()));
        assertThat(dealerCall("wamp.registration.lookup", "com.example.add")).isEqualTo(exact);
        assertThat(dealerCall("wamp.registration.lookup", "com.example", Map.of("match", "prefix"))).isEqualTo(prefix);
        assertThat(dealerCall("wamp.registration.lookup", "com.example")).isNull();
        assertThat(dealerCall("wamp.registration.match", "com.example.add")).isEqualTo(exact);
        assertThat(dealerCall("wamp.registration.match", "com.example.sub")).isEqualTo(prefix);
        assertThat(dealerCall("wamp.registration.match", "org.other")).isNull();
        assertThat(asMap(dealerCall("wamp.registration.get", exact)))
                .containsEntry("id", exact).containsEntry("uri", "com.example.add").containsEntry("match", "exact")
                .containsEntry("invoke", "roundrobin").containsKey("created");
        assertThat(dealerCall("wamp.registration.list_callees", exact)).isEqualTo(List.of(2L, 3L));
        assertThat(dealerCall("wamp.registration.count_callees", exact)).isEqualTo(2L);

        for (String procedure : List.of("wamp.registration.get", "wamp.registration.list_callees", "wamp.registration.count_callees")) {
            caller.clear();
            harness.dealer.call(caller, new Call(++request, Map.of(), procedure, Payload.of(List.of(4242L))));
            WampMessage.Error error = caller.last(WampMessage.Error.class);
            assertThat(error.error()).as(procedure).isEqualTo(WampUris.NO_SUCH_REGISTRATION);
            assertThat(error.requestType()).isEqualTo(Call.CODE);
        }
    }

    @Test
    void subscriptionMetaQueries() {
        long exact = subscribe(first, "com.example.temp", Map.of());
        subscribe(second, "com.example.temp", Map.of());
        long wildcard = subscribe(second, "com..temp", Map.of("match", "wildcard"));
        long prefix = subscribe(first, "com.example.", Map.of("match", "prefix"));

        assertThat(harness.call(caller, "wamp.subscription.list")).isEqualTo(Map.of("exact", List.of(exact),
                "prefix", List.of(prefix), "wildcard", List.of(wildcard)));
        assertThat(harness.call(caller, "wamp.subscription.lookup", "com.example.temp")).isEqualTo(exact);
        assertThat(harness.call(caller, "wamp.subscription.lookup", "COM..Temp", Map.of("match", "wildcard")))
                .as("URIs are compared lower-cased").isEqualTo(wildcard);
        assertThat(harness.call(caller, "wamp.subscription.lookup", "com.example", Map.of("match", "prefix"))).isNull();
        assertThat(harness.call(caller, "wamp.subscription.lookup", "com.example.", Map.of("match", "prefix"))).isEqualTo(prefix);
        assertThat(harness.call(caller, "wamp.subscription.lookup", Payload.of(List.of("com..temp"), Map.of("match", "wildcard")))
                .args()).as("match as a kwarg").containsExactly(wildcard);
        assertThat(harness.call(caller, "wamp.subscription.match", "com.example.temp")).isEqualTo(List.of(exact, prefix, wildcard));
        assertThat(harness.call(caller, "wamp.subscription.match", "org.nothing")).isNull();
        assertThat(harness.call(caller, "wamp.subscription.get", wildcard)).isEqualTo(harness.broker.get(wildcard));
        assertThat(harness.call(caller, "wamp.subscription.list_subscribers", exact)).isEqualTo(List.of(2L, 3L));
        assertThat(harness.call(caller, "wamp.subscription.count_subscribers", exact)).isEqualTo(2L);

        for (String procedure : List.of("wamp.subscription.get", "wamp.subscription.list_subscribers",
                "wamp.subscription.count_subscribers")) {
            assertThat(harness.fails(caller, procedure, 4242L).uri()).as(procedure).isEqualTo(WampUris.NO_SUCH_SUBSCRIPTION);
        }
    }

    private long register(RecordingPeer callee, String uri, Map<String, Object> options) {
        harness.dealer.register(callee, new Register(++request, options, uri));
        return callee.last(Registered.class).registration();
    }

    private long subscribe(RecordingPeer subscriber, String uri, Map<String, Object> options) {
        harness.broker.subscribe(subscriber, new Subscribe(++request, options, uri));
        return subscriber.last(Subscribed.class).subscription();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) { return (Map<String, Object>) value; }

    private Object dealerCall(String procedure, Object... args) {
        long id = ++request;
        harness.dealer.call(caller, new Call(id, Map.of(), procedure, Payload.of(Arrays.asList(args))));
        Result result = caller.last(Result.class);
        assertThat(result.request()).isEqualTo(id);
        return result.payload().args().getFirst();
    }
}
