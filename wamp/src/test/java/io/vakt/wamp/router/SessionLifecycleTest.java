package io.vakt.wamp.router;

import io.vakt.core.access.AccessLevel;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Abort;
import io.vakt.wamp.message.WampMessage.Goodbye;
import io.vakt.wamp.message.WampMessage.Hello;
import io.vakt.wamp.message.WampMessage.Welcome;
import io.vakt.wamp.serializer.Serializer;
import io.vakt.wamp.serializer.Serializers;
import io.vakt.wamp.testing.RouterFixture;
import io.vakt.wamp.testing.WampTestClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An established session's protocol rules and how it ends (WAMP spec "Session Closing", "Protocol Violations"). */
class SessionLifecycleTest {
    private final RouterFixture fixture = new RouterFixture();

    private static void assertProtocolViolation(WampTestClient client, String text) {
        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.PROTOCOL_VIOLATION);
        assertThat((String) abort.details().get("message")).contains(text);
        assertThat(client.transport.closeCode()).isEqualTo(1000);
    }

    @Test
    void protocolViolationForSecondHello() {
        WampTestClient client = fixture.joined("token-alice");
        client.hello("token-alice");

        assertProtocolViolation(client, "HELLO on a session that is already established");
        assertThat(fixture.stats.protocolViolations.sum()).isEqualTo(1);
        assertThat(fixture.router.sessionCount()).isZero();
        assertThat(fixture.stats.sessionsOpen.sum()).isZero();
    }

    @Test
    void protocolViolationForRouterToClientMessage() {
        List<WampMessage> routerOnly = List.of(
                new Welcome(1, Map.of()), new WampMessage.Challenge("ticket", Map.of()), new WampMessage.Published(1, 2),
                new WampMessage.Subscribed(1, 2), new WampMessage.Unsubscribed(1, Map.of()),
                new WampMessage.Event(1, 2, Map.of(), Payload.EMPTY), new WampMessage.Result(1, Map.of(), Payload.EMPTY),
                new WampMessage.Registered(1, 2), new WampMessage.Unregistered(1, Map.of()),
                new WampMessage.Invocation(1, 2, Map.of(), Payload.EMPTY), new WampMessage.Interrupt(1, Map.of()));
        for (WampMessage message : routerOnly) {
            WampTestClient client = fixture.joined("token-alice");
            client.send(message);
            assertProtocolViolation(client, "is sent by routers, never by clients");
        }
        assertThat(fixture.stats.protocolViolations.sum()).isEqualTo(routerOnly.size());
        assertThat(fixture.router.sessionCount()).isZero();
    }

    @Test
    void protocolViolationForErrorOtherThanForInvocation() {
        WampTestClient client = fixture.joined("token-alice");
        client.send(new WampMessage.Error(WampMessage.Call.CODE, 1, Map.of(), "wamp.error.runtime_error", Payload.EMPTY));

        assertProtocolViolation(client, "only in answer to an INVOCATION");
    }

    @Test
    void protocolViolationForUndecodableFrame() {
        WampTestClient client = fixture.joined("token-alice");
        client.connection.onFrame("[1, \"realm1\"".getBytes(StandardCharsets.UTF_8));

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.PROTOCOL_VIOLATION);
        assertThat((String) abort.details().get("message")).isNotBlank();
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.stats.protocolViolations.sum()).isEqualTo(1);
        assertThat(fixture.router.sessionCount()).isZero();
    }

    @Test
    void protocolViolationForUndecodableMsgpackFrameBeforeHello() {
        WampTestClient client = fixture.connect(Serializers.MSGPACK);
        client.connection.onFrame(new byte[] {(byte) 0xc1, 0x00});

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.PROTOCOL_VIOLATION);
        assertThat(client.transport.frames().get(0).binary()).isTrue();
    }

    @Test
    void abortsTooLargeMessage() {
        RouterFixture small = new RouterFixture(RouterFixture.withMaxMessageBytes(1000));
        WampTestClient client = small.joined("token-alice");
        client.connection.onTooLarge(5000);

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.PROTOCOL_VIOLATION);
        assertThat(abort.details()).containsEntry("message", "message of 5000 bytes exceeds the limit of 1000");
        assertThat(client.transport.closeCode()).isEqualTo(1009);
        assertThat(small.stats.protocolViolations.sum()).isEqualTo(1);
        assertThat(small.router.sessionCount()).isZero();
    }

    @Test
    void abortsTooLargeFrameTheTransportPassedOn() {
        RouterFixture small = new RouterFixture(RouterFixture.withMaxMessageBytes(1000));
        WampTestClient client = small.joined("token-alice");
        client.send(new WampMessage.Publish(1, Map.of(), "com.example.topic", Payload.of(List.of("x".repeat(2000)))));

        assertThat(client.last(Abort.class).details().get("message")).asString().endsWith("exceeds the limit of 1000");
        assertThat(client.transport.closeCode()).isEqualTo(1009);
    }

    @Test
    void goodbyeIsAnswered() {
        WampTestClient client = fixture.joined("token-alice");
        client.send(new Goodbye(Map.of(), WampUris.CLOSE_NORMAL));

        Goodbye reply = client.last(Goodbye.class);
        assertThat(reply.reason()).isEqualTo(WampUris.CLOSE_GOODBYE_AND_OUT);
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.router.sessionCount()).isZero();
        assertThat(fixture.stats.sessionsOpen.sum()).isZero();
        assertThat(fixture.stats.protocolViolations.sum()).isZero();
    }

    @Test
    void framesAfterCloseAreIgnored() {
        WampTestClient client = fixture.joined("token-alice");
        client.send(new Goodbye(Map.of(), WampUris.CLOSE_NORMAL));
        int sent = client.transport.frames().size();

        client.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        client.connection.onClosed();

        assertThat(client.transport.frames()).hasSize(sent);
    }

    @Test
    void abortFromClientEndsTheSession() {
        WampTestClient client = fixture.joined("token-alice");
        client.send(new Abort(Map.of("message", "bye"), "wamp.error.canceled"));

        assertThat(client.received()).isEmpty();
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.router.sessionCount()).isZero();
    }

    @Test
    void closedTransportLeavesTheRealm() {
        WampTestClient client = fixture.joined("token-alice");
        client.connection.onClosed();

        assertThat(fixture.router.sessionCount()).isZero();
        assertThat(fixture.stats.sessionsOpen.sum()).isZero();
        assertThat(client.transport.isClosed()).as("the transport closed itself").isFalse();
    }

    @Test
    void tokenExpiryEndsSessionWithGoodbye() {
        fixture.authenticator.user("token-short", "carol", AccessLevel.Operator, Instant.now().plusSeconds(60));
        WampTestClient client = fixture.joined("token-short");
        fixture.advance(Duration.ofSeconds(30));
        assertThat(client.received()).isEmpty();

        fixture.advance(Duration.ofSeconds(31));

        Goodbye goodbye = client.last(Goodbye.class);
        assertThat(goodbye.reason()).isEqualTo(WampUris.CLOSE_TOKEN_EXPIRED);
        assertThat(goodbye.details()).containsEntry("message", "access token expired; reconnect with a refreshed token");
        assertThat(fixture.router.sessionCount()).as("the session left when GOODBYE was sent").isZero();
        assertThat(client.transport.isClosed()).as("waiting for the reply").isFalse();

        client.send(new Goodbye(Map.of(), WampUris.CLOSE_GOODBYE_AND_OUT));

        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(client.received(Goodbye.class)).hasSize(1);
    }

    @Test
    void tokenExpiryClosesWithoutReplyAfterGoodbyeTimeout() {
        fixture.authenticator.user("token-short", "carol", AccessLevel.Operator, Instant.now().plusSeconds(60));
        WampTestClient client = fixture.joined("token-short");
        fixture.advance(Duration.ofSeconds(61));
        client.send(new WampMessage.Subscribe(7, Map.of(), "com.example.topic"));
        assertThat(client.received()).hasSize(1).allMatch(Goodbye.class::isInstance);

        fixture.advance(fixture.config.goodbyeTimeout());

        assertThat(client.transport.closeCode()).isEqualTo(1000);
    }

    @Test
    void oneBadSessionDoesNotAffectAnother() {
        WampTestClient good = fixture.joined("token-alice");
        WampTestClient bad = fixture.joined("token-bob");
        good.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        long subscription = good.last(WampMessage.Subscribed.class).subscription();

        bad.connection.onFrame("{not json".getBytes(StandardCharsets.UTF_8));
        bad.connection.onTooLarge(1 << 30);
        bad.send(new Hello("realm1", Map.of("roles", WampTestClient.ROLES)));
        assertThat(bad.transport.closeCode()).isEqualTo(1000);

        WampTestClient publisher = fixture.joined("token-bob");
        publisher.send(new WampMessage.Publish(2, Map.of("acknowledge", true), "com.example.topic", Payload.of(List.of(42L))));
        assertThat(publisher.last(WampMessage.Published.class).request()).isEqualTo(2);
        WampMessage.Event event = good.last(WampMessage.Event.class);
        assertThat(event.subscription()).isEqualTo(subscription);
        assertThat(event.payload().args()).containsExactly(42L);
        assertThat(good.transport.isClosed()).isFalse();
        assertThat(fixture.stats.protocolViolations.sum()).isEqualTo(1);
    }

    @Test
    void sessionWhoseTransportFailsEndsAloneWithInternalError() {
        WampTestClient good = fixture.joined("token-alice");
        WampTestClient broken = fixture.joined("token-bob");
        good.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        broken.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        // A receiver that cannot take the event (its payload is fine; its serializer throws)
        WampTestClient failing = new WampTestClient(fixture.router, new ThrowingOnEventSerializer());
        failing.join("token-bob");
        failing.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));

        WampTestClient publisher = fixture.joined("token-alice");
        publisher.send(new WampMessage.Publish(2, Map.of("acknowledge", true), "com.example.topic", Payload.of(List.of(1L))));

        assertThat(publisher.last(WampMessage.Published.class)).isNotNull();
        assertThat(good.last(WampMessage.Event.class).payload().args()).containsExactly(1L);
        assertThat(broken.last(WampMessage.Event.class).payload().args()).containsExactly(1L);
        assertThat(failing.last(Abort.class).reason()).isEqualTo(WampUris.RUNTIME_ERROR);
        assertThat(failing.transport.closeCode()).isEqualTo(1011);
        assertThat(fixture.router.sessionCount()).isEqualTo(3);
    }

    @Test
    void shutdownSaysGoodbyeToAll() {
        WampTestClient alice = fixture.joined("token-alice");
        WampTestClient bob = fixture.joined("token-bob");
        WampTestClient waiting = fixture.connect();

        fixture.router.shutdown();

        for (WampTestClient client : List.of(alice, bob)) {
            Goodbye goodbye = client.last(Goodbye.class);
            assertThat(goodbye.reason()).isEqualTo(WampUris.CLOSE_SYSTEM_SHUTDOWN);
            assertThat(goodbye.details()).containsKey("message");
        }
        assertThat(waiting.last(Abort.class).reason()).isEqualTo(WampUris.CLOSE_SYSTEM_SHUTDOWN);
        assertThat(waiting.transport.closeCode()).isEqualTo(1001);
        assertThat(fixture.router.sessionCount()).isZero();

        alice.send(new Goodbye(Map.of(), WampUris.CLOSE_GOODBYE_AND_OUT));
        assertThat(alice.transport.closeCode()).isEqualTo(1001);
        assertThat(bob.transport.isClosed()).isFalse();

        fixture.advance(fixture.config.goodbyeTimeout());
        assertThat(bob.transport.closeCode()).isEqualTo(1001);

        WampTestClient late = fixture.connect();
        assertThat(late.last(Abort.class).reason()).isEqualTo(WampUris.CLOSE_SYSTEM_SHUTDOWN);
        assertThat(late.transport.closeCode()).isEqualTo(1001);
    }

    @Test
    void closeReasonFitsACloseFrame() {
        assertThat(RouterSession.closeReason("wamp.error.protocol_violation")).isEqualTo("wamp.error.protocol_violation");
        assertThat(RouterSession.closeReason("x.".repeat(100) + "ä")).hasSize(123);
        assertThat(RouterSession.closeReason("ä".repeat(100)).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    }

    @Test
    void describeNamesTransportAndSerializer() {
        WampTestClient service = fixture.joined("key-ssf", Serializers.MSGPACK);
        WampTestClient alice = fixture.joined("token-alice");
        service.send(new WampMessage.Call(1, Map.of(), "wamp.session.get", Payload.of(List.of(alice.sessionId()))));

        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) service.last(WampMessage.Result.class).payload().args().get(0);
        assertThat(described).containsEntry("session", alice.sessionId()).containsEntry("authid", "alice")
                .containsEntry("authrole", "user").containsEntry("authmethod", "anonymous").containsEntry("authprovider", "vakt")
                .containsEntry("transport", Map.of("type", "websocket", "peer", "192.0.2.10:50123", "serializer", "wamp.2.json"))
                .doesNotContainKey("authextra");
    }

    /** JSON, except that encoding an EVENT fails: a receiver the router cannot serve. */
    private static final class ThrowingOnEventSerializer implements Serializer {
        @Override public String subprotocol() { return "wamp.2.json"; }

        @Override public boolean binary() { return false; }

        @Override public int index() { return 7; }

        @Override public WampMessage decode(byte[] bytes) { return Serializers.JSON.decode(bytes); }

        @Override
        public byte[] encode(WampMessage message) {
            if (message instanceof WampMessage.Event) throw new IllegalStateException("cannot encode events");
            return Serializers.JSON.encode(message);
        }
    }
}
