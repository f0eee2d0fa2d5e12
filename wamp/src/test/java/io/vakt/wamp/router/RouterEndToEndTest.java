package io.vakt.wamp.router;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Goodbye;
import io.vakt.wamp.message.WampMessage.Invocation;
import io.vakt.wamp.message.WampMessage.Result;
import io.vakt.wamp.message.WampMessage.Yield;
import io.vakt.wamp.serializer.Serializer;
import io.vakt.wamp.serializer.Serializers;
import io.vakt.wamp.testing.RouterFixture;
import io.vakt.wamp.testing.WampTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls and events between remote sessions through the whole router, over the real serializers. */
class RouterEndToEndTest {
    private static final String EXECUTE = "accounts.acme.services.ssf.execute";

    private final RouterFixture fixture = new RouterFixture();

    /** Callee and caller serializers: each alone, and mixed. */
    static Stream<Arguments> serializers() {
        return Stream.of(Arguments.of(Serializers.JSON, Serializers.JSON), Arguments.of(Serializers.MSGPACK, Serializers.MSGPACK),
                Arguments.of(Serializers.MSGPACK, Serializers.JSON), Arguments.of(Serializers.CBOR, Serializers.MSGPACK));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void callIsInvokedAndAnswered(Serializer calleeFormat, Serializer callerFormat) {
        WampTestClient callee = fixture.joined("key-ssf", calleeFormat);
        WampTestClient caller = fixture.joined("token-alice", callerFormat);
        callee.send(new WampMessage.Register(1, Map.of("disclose_caller", true), EXECUTE));
        long registration = callee.last(WampMessage.Registered.class).registration();

        caller.send(new Call(7, Map.of("receive_progress", true), EXECUTE,
                Payload.of(List.of("L3ZpZXdz", "onClick"), Map.of("value", 21L))));

        Invocation invocation = callee.last(Invocation.class);
        assertThat(invocation.registration()).isEqualTo(registration);
        assertThat(invocation.payload().args()).containsExactly("L3ZpZXdz", "onClick");
        assertThat(invocation.payload().kwargs()).containsEntry("value", 21L);
        assertThat(invocation.details()).containsEntry("caller", caller.sessionId()).containsEntry("caller_authid", "alice")
                .containsEntry("receive_progress", true);

        callee.send(new Yield(invocation.request(), Map.of("progress", true), Payload.of(List.of("half"))));
        callee.send(new Yield(invocation.request(), Map.of(), Payload.of(List.of(42L))));

        List<Result> results = caller.received(Result.class);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).details()).containsEntry("progress", true);
        assertThat(results.get(0).payload().args()).containsExactly("half");
        assertThat(results.get(1).request()).isEqualTo(7);
        assertThat(results.get(1).payload().args()).containsExactly(42L);
        assertThat(fixture.stats.calls.sum()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void publicationReachesSubscribersInEveryFormat(Serializer first, Serializer second) {
        WampTestClient one = fixture.joined("token-alice", first);
        WampTestClient two = fixture.joined("token-bob", second);
        WampTestClient publisher = fixture.joined("key-ssf");
        one.send(new WampMessage.Subscribe(1, Map.of(), "com.example.alarms"));
        two.send(new WampMessage.Subscribe(1, Map.of("match", "prefix"), "com.example."));

        publisher.send(new WampMessage.Publish(3, Map.of("acknowledge", true, "disclose_me", true), "com.example.alarms",
                Payload.of(List.of("high"), Map.of("level", 2L))));

        long publication = publisher.last(WampMessage.Published.class).publication();
        for (WampTestClient subscriber : List.of(one, two)) {
            Event event = subscriber.last(Event.class);
            assertThat(event.publication()).isEqualTo(publication);
            assertThat(event.payload().args()).containsExactly("high");
            assertThat(event.details()).containsEntry("publisher_authid", "ssf");
        }
        assertThat(two.last(Event.class).details()).containsEntry("topic", "com.example.alarms");
        assertThat(fixture.stats.eventsDelivered.sum()).isEqualTo(2);
    }

    @Test
    void callerGetsErrorFromCallee() {
        WampTestClient callee = fixture.joined("key-ssf");
        WampTestClient caller = fixture.joined("token-alice");
        callee.send(new WampMessage.Register(1, Map.of(), EXECUTE));
        caller.send(new Call(2, Map.of(), EXECUTE, Payload.EMPTY));
        Invocation invocation = callee.last(Invocation.class);

        callee.send(new WampMessage.Error(Invocation.CODE, invocation.request(), Map.of(), "vakt.error.no_such_function",
                Payload.of(List.of("no function onClick"))));

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(Call.CODE);
        assertThat(error.request()).isEqualTo(2);
        assertThat(error.error()).isEqualTo("vakt.error.no_such_function");
        assertThat(error.payload().args()).containsExactly("no function onClick");
    }

    @Test
    void leavingCalleeTakesItsRegistrationsAlong() {
        WampTestClient callee = fixture.joined("key-ssf");
        WampTestClient caller = fixture.joined("token-alice");
        callee.send(new WampMessage.Register(1, Map.of(), EXECUTE));
        caller.send(new Call(2, Map.of(), EXECUTE, Payload.EMPTY));

        callee.send(new Goodbye(Map.of(), WampUris.CLOSE_NORMAL));

        assertThat(caller.last(WampMessage.Error.class).request()).isEqualTo(2);
        caller.send(new Call(3, Map.of(), EXECUTE, Payload.EMPTY));
        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo(WampUris.NO_SUCH_PROCEDURE);
    }

    @Test
    void joinAndLeaveAreMetaEvents() {
        WampTestClient watcher = fixture.joined("key-ssf");
        watcher.send(new WampMessage.Subscribe(1, Map.of(), "wamp.session.on_join"));
        watcher.send(new WampMessage.Subscribe(2, Map.of(), "wamp.session.on_leave"));
        watcher.transport.clear();

        WampTestClient alice = fixture.joined("token-alice");
        Event joined = watcher.last(Event.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) joined.payload().args().get(0);
        assertThat(details).containsEntry("session", alice.sessionId()).containsEntry("authid", "alice")
                .containsEntry("authrole", "user").containsKey("transport");

        alice.connection.onClosed();
        assertThat(watcher.last(Event.class).payload().args()).containsExactly(alice.sessionId(), "alice", "user");
    }

    @Test
    void killedSessionGetsGoodbye() {
        WampTestClient admin = fixture.joined("key-ssf");
        WampTestClient alice = fixture.joined("token-alice");

        admin.send(new Call(1, Map.of(), "wamp.session.kill", Payload.of(List.of(alice.sessionId()), Map.of("message", "maintenance"))));

        assertThat(admin.last(Result.class).request()).isEqualTo(1);
        Goodbye goodbye = alice.last(Goodbye.class);
        assertThat(goodbye.reason()).isEqualTo(WampUris.CLOSE_KILLED);
        assertThat(goodbye.details()).containsEntry("message", "maintenance");
        assertThat(fixture.router.sessionCount()).isEqualTo(1);

        alice.send(new Goodbye(Map.of(), WampUris.CLOSE_GOODBYE_AND_OUT));
        assertThat(alice.transport.closeCode()).isEqualTo(1000);
    }

    @Test
    void testamentIsPublishedWhenTheSessionGoes() {
        WampTestClient watcher = fixture.joined("token-alice");
        watcher.send(new WampMessage.Subscribe(1, Map.of(), "com.example.ssf.status"));
        WampTestClient service = fixture.joined("key-ssf");
        service.send(new Call(1, Map.of(), "wamp.session.add_testament",
                Payload.of(List.of("com.example.ssf.status", List.of("offline"), Map.of()))));
        assertThat(service.last(Result.class).request()).isEqualTo(1);

        service.connection.onClosed();

        assertThat(watcher.last(Event.class).payload().args()).containsExactly("offline");
    }

    @Test
    void sessionMetaApiCountsJoinedSessions() {
        WampTestClient service = fixture.joined("key-ssf");
        fixture.joined("token-alice");
        fixture.connect();

        service.send(new Call(1, Map.of(), "wamp.session.count", Payload.EMPTY));

        assertThat(service.last(Result.class).payload().args()).containsExactly(2L);
        assertThat(fixture.router.sessionCount()).isEqualTo(2);
    }
}
