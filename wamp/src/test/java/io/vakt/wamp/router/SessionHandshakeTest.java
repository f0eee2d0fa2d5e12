package io.vakt.wamp.router;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Abort;
import io.vakt.wamp.message.WampMessage.Authenticate;
import io.vakt.wamp.message.WampMessage.Challenge;
import io.vakt.wamp.message.WampMessage.Hello;
import io.vakt.wamp.message.WampMessage.Welcome;
import io.vakt.wamp.testing.FakeAuthenticator;
import io.vakt.wamp.testing.RouterFixture;
import io.vakt.wamp.testing.WampTestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening a session: HELLO, authentication, WELCOME or ABORT (WAMP spec "Session Establishment"; spec §7.4). */
class SessionHandshakeTest {
    private final RouterFixture fixture = new RouterFixture();

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("roles", WampTestClient.ROLES);
        for (int i = 0; i < pairs.length; i += 2) details.put((String) pairs[i], pairs[i + 1]);
        return details;
    }

    @Test
    void welcomesAnonymousWithAccessTokenAsAuthid() {
        WampTestClient client = fixture.connect();
        client.hello("token-alice");

        Welcome welcome = client.last(Welcome.class);
        assertThat(IdGenerator.valid(welcome.session())).isTrue();
        assertThat(welcome.details()).containsEntry("realm", "realm1").containsEntry("authid", "alice")
                .containsEntry("authrole", "user").containsEntry("authmethod", "anonymous").containsEntry("authprovider", "vakt");
        assertThat(welcome.details()).doesNotContainKey("authextra");
        assertThat(fixture.authenticator.attempts()).containsExactly(new FakeAuthenticator.Attempt("realm1", "anonymous", "token-alice"));
        assertThat(fixture.router.sessionCount()).isEqualTo(1);
        assertThat(fixture.stats.sessionsJoined.sum()).isEqualTo(1);
        assertThat(fixture.stats.sessionsOpen.sum()).isEqualTo(1);
        assertThat(client.transport.isClosed()).isFalse();
        assertThat(fixture.scheduler.pendingTimers()).as("the HELLO deadline is cancelled").isZero();
    }

    @Test
    void welcomeAnnouncesFeatures() {
        WampTestClient client = fixture.connect();
        client.hello("token-alice");

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> roles =
                (Map<String, Map<String, Map<String, Object>>>) client.last(Welcome.class).details().get("roles");
        assertThat(roles.get("broker").get("features")).containsOnlyKeys("publisher_identification", "publisher_exclusion",
                "subscriber_blackwhite_listing", "pattern_based_subscription", "event_retention", "subscription_meta_api",
                "session_meta_api", "testament_meta_api").allSatisfy((name, value) -> assertThat(value).isEqualTo(true));
        assertThat(roles.get("dealer").get("features")).containsOnlyKeys("progressive_call_results", "call_timeout",
                "call_canceling", "caller_identification", "pattern_based_registration", "shared_registration",
                "registration_meta_api", "session_meta_api", "testament_meta_api")
                .allSatisfy((name, value) -> assertThat(value).isEqualTo(true));
    }

    @Test
    void welcomeTellsWhenTheTokenExpires() {
        fixture.authenticator.user("token-carol", "carol", io.vakt.core.access.AccessLevel.Guest,
                java.time.Instant.parse("2099-01-01T00:00:00Z"));
        WampTestClient client = fixture.connect();
        client.hello("token-carol");

        assertThat(client.last(Welcome.class).details()).containsEntry("authextra", Map.of("expires_at", "2099-01-01T00:00:00Z"));
    }

    @Test
    void abortsHelloForUnknownRealm() {
        WampTestClient client = fixture.connect();
        client.send(new Hello("realm2", details("authid", "token-alice")));

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.NO_SUCH_REALM);
        assertThat((String) abort.details().get("message")).contains("realm2").contains("realm1");
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.stats.sessionsRefused.sum()).isEqualTo(1);
        assertThat(fixture.authenticator.attempts()).isEmpty();
    }

    @Test
    void abortsWithNoAuthMethod() {
        WampTestClient client = fixture.connect();
        client.send(new Hello("realm1", details("authmethods", List.of("wampcra", "cryptosign"), "authid", "alice")));

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.NO_AUTH_METHOD);
        assertThat((String) abort.details().get("message"))
                .contains("anonymous (authid = access token or service key), ticket (ticket = access token)");
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.stats.sessionsRefused.sum()).isEqualTo(1);
    }

    @Test
    void choosesTheFirstSupportedMethodOfTheClientsList() {
        WampTestClient client = fixture.connect();
        client.send(new Hello("realm1", details("authmethods", List.of("wampcra", "ticket", "anonymous"))));

        assertThat(client.last(Challenge.class).authMethod()).isEqualTo("ticket");
    }

    @Test
    void abortsForInvalidToken() {
        WampTestClient client = fixture.connect();
        client.hello("token-forged");

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.AUTHENTICATION_FAILED);
        assertThat(abort.details()).containsEntry("message", FakeAuthenticator.DENIED_MESSAGE);
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.stats.sessionsRefused.sum()).isEqualTo(1);
        assertThat(fixture.router.sessionCount()).isZero();
    }

    @Test
    void abortsForMissingAuthid() {
        WampTestClient client = fixture.connect();
        client.send(new Hello("realm1", details()));

        assertThat(client.last(Abort.class).reason()).isEqualTo(WampUris.AUTHENTICATION_FAILED);
        assertThat(fixture.authenticator.attempts()).containsExactly(new FakeAuthenticator.Attempt("realm1", "anonymous", null));
    }

    @Test
    void challengesTicketThenWelcomes() {
        WampTestClient client = fixture.connect();
        client.send(new Hello("realm1", details("authmethods", List.of("ticket"), "authid", "alice")));

        Challenge challenge = client.last(Challenge.class);
        assertThat(challenge.authMethod()).isEqualTo("ticket");
        assertThat(challenge.extra()).isEmpty();
        assertThat(fixture.authenticator.attempts()).isEmpty();

        client.send(new Authenticate("token-alice", Map.of()));

        Welcome welcome = client.last(Welcome.class);
        assertThat(welcome.details()).containsEntry("authid", "alice").containsEntry("authmethod", "ticket");
        assertThat(fixture.authenticator.attempts()).containsExactly(new FakeAuthenticator.Attempt("realm1", "ticket", "token-alice"));
    }

    @Test
    void abortsTicketWithInvalidSignature() {
        WampTestClient client = fixture.connect();
        client.send(new Hello("realm1", details("authmethods", List.of("ticket"))));
        client.send(new Authenticate("not-a-token", Map.of()));

        assertThat(client.last(Abort.class).reason()).isEqualTo(WampUris.AUTHENTICATION_FAILED);
        assertThat(client.transport.closeCode()).isEqualTo(1000);
    }

    @Test
    void closesWhenNoHelloInTime() {
        WampTestClient client = fixture.connect();
        fixture.advance(Duration.ofSeconds(9));
        assertThat(client.transport.isClosed()).isFalse();

        fixture.advance(Duration.ofSeconds(1));

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.TIMEOUT);
        assertThat(abort.details()).containsEntry("message", "no HELLO within 10 s");
        assertThat(client.transport.closeCode()).isEqualTo(1000);
    }

    @Test
    void helloDeadlineCoversAuthenticate() {
        WampTestClient client = fixture.connect();
        fixture.advance(Duration.ofSeconds(5));
        client.send(new Hello("realm1", details("authmethods", List.of("ticket"))));
        fixture.advance(Duration.ofSeconds(5));

        assertThat(client.last(Abort.class).details()).containsEntry("message", "no AUTHENTICATE within 10 s");
        assertThat(client.transport.closeCode()).isEqualTo(1000);
    }

    @Test
    void protocolViolationForMessageBeforeWelcome() {
        WampTestClient client = fixture.connect();
        client.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.PROTOCOL_VIOLATION);
        assertThat((String) abort.details().get("message")).contains("SUBSCRIBE before WELCOME");
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.stats.protocolViolations.sum()).isEqualTo(1);
    }

    @Test
    void protocolViolationForAuthenticateWithoutChallenge() {
        WampTestClient client = fixture.connect();
        client.send(new Authenticate("token-alice", Map.of()));

        assertThat(client.last(Abort.class).reason()).isEqualTo(WampUris.PROTOCOL_VIOLATION);
    }

    @Test
    void protocolViolationForHelloWithoutRoles() {
        WampTestClient client = fixture.connect();
        client.send(new Hello("realm1", Map.of("authid", "token-alice")));

        Abort abort = client.last(Abort.class);
        assertThat(abort.reason()).isEqualTo(WampUris.PROTOCOL_VIOLATION);
        assertThat((String) abort.details().get("message")).contains("roles");
    }

    @Test
    void abortFromClientBeforeWelcomeClosesQuietly() {
        WampTestClient client = fixture.connect();
        client.send(new Abort(Map.of(), "wamp.error.system_shutdown"));

        assertThat(client.received()).isEmpty();
        assertThat(client.transport.closeCode()).isEqualTo(1000);
        assertThat(fixture.stats.protocolViolations.sum()).isZero();
    }
}
