package io.vakt.server.wamp;

import io.vakt.core.access.AccessLevel;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callInfo.context.call} on a real server (spec §8.3): it reaches other services over the router, as the
 * caller — the permission table is checked for the caller and the caller's token goes along as
 * {@code kwargs.callmeta.token} — and a refusal reaches the SSF's caller with its own URI.
 */
class SsfContextCallTest {
    private static final String EXECUTE = "accounts.demo.services.ssf.execute";
    private static final String WORKSHOP = Base64.getEncoder().encodeToString("Workshop".getBytes(StandardCharsets.UTF_8));
    private static final String CODE = """
            async function count(k, ci) { return ci.context.call("wamp.session.count"); }
            async function reserved(k, ci) { return ci.context.call("vakt.internal.anything"); }
            async function whoCalls(k, ci) { return ci.context.call("Accounts.Demo.Services.Probe.Who", [1, 2]); }
            return { count, reserved, whoCalls };
            """;

    static TestServer server;
    static String token;
    static String key;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        token = server.adminToken();
        key = server.server.createServiceKey("probe", AccessLevel.Service);
        try (WampClient service = WampClient.connect(server.wampUrl(), "wamp.2.msgpack")) {
            service.join(key);
            service.send(new Call(1, Map.of(), "accounts.demo.services.ssf.register", Payload.of(List.of(WORKSHOP, CODE))));
            assertThat(service.expect(Result.class).payload().args().getFirst().toString()).contains("count", "whoCalls");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void callsTheMetaApiWithTheCallersRights() {
        try (WampClient user = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            user.join(token);
            user.send(new Call(2, Map.of(), EXECUTE, Payload.of(List.of(WORKSHOP, "count"))));
            Object count = user.expect(Result.class).payload().args().getFirst();
            assertThat(((Number) count).longValue()).as("this session and the server's own").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aRefusedCallFailsTheFunctionWithTheRefusalsUri() {
        try (WampClient user = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            user.join(token);
            user.send(new Call(3, Map.of(), EXECUTE, Payload.of(List.of(WORKSHOP, "reserved"))));
            WampMessage.Error error = user.expect(WampMessage.Error.class);
            assertThat(error.error()).isEqualTo("wamp.error.not_authorized");
            assertThat(error.payload().args().getFirst().toString()).contains("vakt.internal.anything");
        }
    }

    @Test
    void theCalleeGetsTheCallersTokenAsCallmetaAndTheUriLowerCased() {
        try (WampClient service = WampClient.connect(server.wampUrl(), "wamp.2.msgpack");
             WampClient user = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            service.join(key);
            service.send(new WampMessage.Register(1, Map.of(), "accounts.demo.services.probe.who"));
            service.expect(WampMessage.Registered.class);
            user.join(token);
            user.send(new Call(4, Map.of(), EXECUTE, Payload.of(List.of(WORKSHOP, "whoCalls"))));

            WampMessage.Invocation invocation = service.expect(WampMessage.Invocation.class);
            assertThat(invocation.payload().args()).containsExactly(1L, 2L);
            assertThat(invocation.payload().kwargs()).containsEntry("callmeta", Map.of("token", token));
            service.send(new WampMessage.Yield(invocation.request(), Map.of(), Payload.of(List.of("it is admin"))));
            assertThat(user.expect(Result.class).payload().args()).containsExactly("it is admin");
        }
    }
}
