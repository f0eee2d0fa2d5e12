package io.vakt.wamp.router;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Error;
import io.vakt.wamp.testing.RouterFixture;
import io.vakt.wamp.testing.WampTestClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the router checks before a request reaches the dealer or broker: URIs (spec §7.2) and permissions. */
class RequestChecksTest {
    private final RouterFixture fixture = new RouterFixture();

    private static Error assertError(WampTestClient client, int requestType, long request, String uri) {
        Error error = client.last(Error.class);
        assertThat(error.requestType()).isEqualTo(requestType);
        assertThat(error.request()).isEqualTo(request);
        assertThat(error.error()).isEqualTo(uri);
        return error;
    }

    @Test
    void rejectsInvalidUri() {
        WampTestClient client = fixture.joined("token-alice");

        client.send(new WampMessage.Subscribe(1, Map.of(), "com..topic"));
        assertError(client, WampMessage.Subscribe.CODE, 1, WampUris.INVALID_URI);
        client.send(new WampMessage.Call(2, Map.of(), "com.example.has space", Payload.EMPTY));
        assertError(client, WampMessage.Call.CODE, 2, WampUris.INVALID_URI);
        client.send(new WampMessage.Register(3, Map.of(), "com.example#x"));
        assertError(client, WampMessage.Register.CODE, 3, WampUris.INVALID_URI);
        client.send(new WampMessage.Publish(4, Map.of("acknowledge", true), "", Payload.EMPTY));
        assertThat(assertError(client, WampMessage.Publish.CODE, 4, WampUris.INVALID_URI).payload().args()).containsExactly("empty URI");
        client.send(new WampMessage.Register(5, Map.of("match", "prefix"), "com.example..x."));
        assertError(client, WampMessage.Register.CODE, 5, WampUris.INVALID_URI);

        assertThat(client.transport.isClosed()).isFalse();
        assertThat(fixture.stats.protocolViolations.sum()).isZero();
    }

    @Test
    void acceptsPatternUrisUnderTheirMatchPolicy() {
        WampTestClient client = fixture.joined("token-alice");

        client.send(new WampMessage.Subscribe(1, Map.of("match", "wildcard"), "com..topic"));
        assertThat(client.last(WampMessage.Subscribed.class).request()).isEqualTo(1);
        client.send(new WampMessage.Subscribe(2, Map.of("match", "prefix"), "com.example."));
        assertThat(client.last(WampMessage.Subscribed.class).request()).isEqualTo(2);
    }

    @Test
    void lowerCasesUris() {
        WampTestClient callee = fixture.joined("key-ssf");
        WampTestClient caller = fixture.joined("token-alice");
        callee.send(new WampMessage.Register(1, Map.of(), "Accounts.ACME.Services.SSF.Execute"));
        callee.last(WampMessage.Registered.class);
        caller.send(new WampMessage.Subscribe(1, Map.of(), "COM.Example.Topic"));
        long subscription = caller.last(WampMessage.Subscribed.class).subscription();

        caller.send(new WampMessage.Call(2, Map.of(), "accounts.acme.services.ssf.EXECUTE", Payload.of(List.of("path"))));
        WampMessage.Invocation invocation = callee.last(WampMessage.Invocation.class);
        assertThat(invocation.payload().args()).containsExactly("path");

        callee.send(new WampMessage.Publish(2, Map.of(), "com.example.TOPIC", Payload.of(List.of(1L))));
        assertThat(caller.last(WampMessage.Event.class).subscription()).isEqualTo(subscription);

        callee.send(new WampMessage.Call(3, Map.of(), "WAMP.Registration.Lookup", Payload.of(List.of("accounts.acme.services.ssf.execute"))));
        assertThat(callee.last(WampMessage.Result.class).payload().args().get(0)).isNotNull();
    }

    @Test
    void deniesByPermissionTable() {
        WampTestClient user = fixture.joined("token-alice");

        user.send(new WampMessage.Register(1, Map.of(), "accounts.acme.services.ssf.execute"));
        Error error = assertError(user, WampMessage.Register.CODE, 1, WampUris.NOT_AUTHORIZED);
        assertThat(error.payload().args()).containsExactly("alice may not register accounts.acme.services.ssf.execute");

        user.send(new WampMessage.Subscribe(2, Map.of(), "wamp.session.on_join"));
        assertError(user, WampMessage.Subscribe.CODE, 2, WampUris.NOT_AUTHORIZED);

        user.send(new WampMessage.Call(3, Map.of(), "Accounts.Other.Services.SSF.Execute", Payload.EMPTY));
        assertThat(assertError(user, WampMessage.Call.CODE, 3, WampUris.NOT_AUTHORIZED).payload().args())
                .containsExactly("alice may not call accounts.other.services.ssf.execute");

        user.send(new WampMessage.Publish(4, Map.of("acknowledge", true), "vakt.internal", Payload.EMPTY));
        assertError(user, WampMessage.Publish.CODE, 4, WampUris.NOT_AUTHORIZED);

        WampTestClient nobody = fixture.joined("token-nobody");
        nobody.send(new WampMessage.Subscribe(1, Map.of(), "com.example.topic"));
        assertError(nobody, WampMessage.Subscribe.CODE, 1, WampUris.NOT_AUTHORIZED);

        assertThat(user.transport.isClosed()).isFalse();
    }

    /** A pattern reaches URIs it does not spell out: all of them must be permitted, not just its own text. */
    @Test
    void deniesPatternsReachingIntoDeniedUris() {
        WampTestClient user = fixture.joined("token-alice");

        user.send(new WampMessage.Subscribe(1, Map.of("match", "prefix"), "acc"));
        assertThat(assertError(user, WampMessage.Subscribe.CODE, 1, WampUris.NOT_AUTHORIZED).payload().args().get(0))
                .asString().contains("prefix pattern must stay within URIs the session may subscribe");
        user.send(new WampMessage.Subscribe(2, Map.of("match", "prefix"), "wamp"));
        assertError(user, WampMessage.Subscribe.CODE, 2, WampUris.NOT_AUTHORIZED);
        user.send(new WampMessage.Subscribe(3, Map.of("match", "wildcard"), ".session.on_join"));
        assertError(user, WampMessage.Subscribe.CODE, 3, WampUris.NOT_AUTHORIZED);
        user.send(new WampMessage.Register(4, Map.of("match", "wildcard"), "accounts..services.x"));
        assertError(user, WampMessage.Register.CODE, 4, WampUris.NOT_AUTHORIZED);

        WampTestClient service = fixture.joined("key-ssf");
        service.send(new WampMessage.Register(1, Map.of("match", "prefix"), "accounts.acme.services.ssf."));
        assertThat(service.last(WampMessage.Registered.class).request()).isEqualTo(1);
        service.send(new WampMessage.Register(2, Map.of("match", "prefix"), "accounts.acme.services."));
        assertError(service, WampMessage.Register.CODE, 2, WampUris.NOT_AUTHORIZED);
    }

    @Test
    void permitsWhatTheTableAllows() {
        WampTestClient service = fixture.joined("key-ssf");
        service.send(new WampMessage.Register(1, Map.of(), "accounts.acme.services.ssf.execute"));
        assertThat(service.last(WampMessage.Registered.class).request()).isEqualTo(1);
        service.send(new WampMessage.Call(2, Map.of(), "wamp.session.count", Payload.EMPTY));
        assertThat(service.last(WampMessage.Result.class).request()).isEqualTo(2);
    }

    @Test
    void noErrorForDeniedUnacknowledgedPublish() {
        WampTestClient user = fixture.joined("token-alice");
        WampTestClient service = fixture.joined("key-ssf");
        service.send(new WampMessage.Subscribe(1, Map.of(), "accounts.acme.services.ssf.changed"));

        user.send(new WampMessage.Publish(1, Map.of(), "accounts.acme.services.ssf.changed", Payload.EMPTY));
        user.send(new WampMessage.Publish(2, Map.of(), "com..invalid", Payload.EMPTY));
        user.send(new WampMessage.Publish(3, Map.of("acknowledge", false), "", Payload.EMPTY));

        assertThat(user.received()).isEmpty();
        assertThat(user.transport.isClosed()).isFalse();
        assertThat(service.received(WampMessage.Event.class)).isEmpty();
        assertThat(fixture.stats.publications.sum()).isZero();
    }

    @Test
    void eventReceivedIsIgnored() {
        WampTestClient user = fixture.joined("token-alice");
        user.send(new WampMessage.EventReceived(5));

        assertThat(user.received()).isEmpty();
        assertThat(user.transport.isClosed()).isFalse();
    }
}
