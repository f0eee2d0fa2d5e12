package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vakt.wamp.dealer.DealerHarness.args;
import static io.vakt.wamp.dealer.DealerHarness.callee;
import static io.vakt.wamp.dealer.DealerHarness.peer;
import static org.assertj.core.api.Assertions.assertThat;

/** Which registration and which callee a CALL goes to (WAMP spec "Pattern-based" and "Shared Registration"). */
class DealerRoutingTest {
    private final DealerHarness h = new DealerHarness();
    private final RecordingPeer caller = peer(1);

    @Test
    void routesCallToExactRegistration() {
        RecordingPeer callee = callee(2);
        long registration = h.register(callee, "com.acme.add");
        Payload payload = Payload.of(List.of(2L, 3L), Map.of("k", "v"));

        h.call(caller, 7, "com.acme.add", Map.of(), payload);

        WampMessage.Invocation invocation = callee.last(WampMessage.Invocation.class);
        assertThat(invocation.registration()).isEqualTo(registration);
        assertThat(invocation.request()).isEqualTo(1);
        assertThat(invocation.details()).isEmpty();
        assertThat(invocation.payload()).isSameAs(payload);

        Payload result = Payload.of(List.of(5L));
        h.yield(callee, invocation.request(), Map.of(), result);

        WampMessage.Result answer = caller.last(WampMessage.Result.class);
        assertThat(answer.request()).isEqualTo(7);
        assertThat(answer.details()).isEmpty();
        assertThat(answer.payload()).isSameAs(result);
        assertThat(h.dealer.pendingCalls()).isZero();
        assertThat(h.stats.calls.sum()).isEqualTo(1);
    }

    @Test
    void invocationIdsAreSequentialPerCallee() {
        RecordingPeer a = callee(2);
        RecordingPeer b = callee(3);
        h.register(a, "com.acme.a");
        h.register(b, "com.acme.b");

        h.call(caller, 1, "com.acme.a");
        h.call(caller, 2, "com.acme.b");
        h.call(caller, 3, "com.acme.a");

        assertThat(a.received(WampMessage.Invocation.class)).extracting(WampMessage.Invocation::request).containsExactly(1L, 2L);
        assertThat(b.received(WampMessage.Invocation.class)).extracting(WampMessage.Invocation::request).containsExactly(1L);
    }

    @Test
    void rejectsCallWithoutCallee() {
        h.call(caller, 9, "com.acme.nobody");

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(WampMessage.Call.CODE);
        assertThat(error.request()).isEqualTo(9);
        assertThat(error.error()).isEqualTo(WampUris.NO_SUCH_PROCEDURE);
        assertThat(error.payload().args()).containsExactly("no callee registered for procedure 'com.acme.nobody'");
        assertThat(h.stats.callErrors.sum()).isEqualTo(1);
    }

    @Test
    void prefersExactOverPrefix() {
        RecordingPeer exact = callee(2);
        RecordingPeer prefix = callee(3);
        h.register(prefix, "com.acme", Map.of("match", "prefix"));
        h.register(exact, "com.acme.add");

        h.call(caller, 1, "com.acme.add");

        assertThat(exact.received(WampMessage.Invocation.class)).hasSize(1);
        assertThat(prefix.received(WampMessage.Invocation.class)).isEmpty();
        assertThat(exact.last(WampMessage.Invocation.class).details()).doesNotContainKey("procedure");
    }

    @Test
    void longestPrefixWins() {
        RecordingPeer shortPrefix = callee(2);
        RecordingPeer longPrefix = callee(3);
        long shortId = h.register(shortPrefix, "a1.b2", Map.of("match", "prefix"));
        long longId = h.register(longPrefix, "a1.b2.c3", Map.of("match", "prefix"));

        h.call(caller, 1, "a1.b2.c3.d4");
        h.call(caller, 2, "a1.b2.c99");

        WampMessage.Invocation invocation = longPrefix.last(WampMessage.Invocation.class);
        assertThat(invocation.registration()).isEqualTo(longId);
        assertThat(invocation.details()).containsEntry("procedure", "a1.b2.c3.d4");
        assertThat(shortPrefix.last(WampMessage.Invocation.class).registration()).isEqualTo(shortId);
        assertThat(shortPrefix.last(WampMessage.Invocation.class).details()).containsEntry("procedure", "a1.b2.c99");
    }

    @Test
    void prefixMatchesTheRegisteredUriItselfAndPartialComponents() {
        long id = h.register(callee(2), "com.myapp.myobject1", Map.of("match", "prefix"));

        assertThat(h.dealer.match("com.myapp.myobject1")).isEqualTo(id);
        assertThat(h.dealer.match("com.myapp.myobject1-mysubobject1")).isEqualTo(id);
        assertThat(h.dealer.match("com.myapp.myobject1.mysubobject1.myprocedure1")).isEqualTo(id);
        assertThat(h.dealer.match("com.myapp.myobject2")).isNull();
        assertThat(h.dealer.match("com.myapp.myobject")).isNull();
    }

    @Test
    void prefersPrefixOverWildcard() {
        long prefix = h.register(callee(2), "a1.b2", Map.of("match", "prefix"));
        h.register(callee(3), "a1.b2.c3.", Map.of("match", "wildcard"));

        assertThat(h.dealer.match("a1.b2.c3.d4")).isEqualTo(prefix);
    }

    @Test
    void wildcardMatchesEmptyComponent() {
        RecordingPeer callee = callee(2);
        long id = h.register(callee, "com.myapp..myprocedure1", Map.of("match", "wildcard"));

        h.call(caller, 1, "com.myapp.myobject1.myprocedure1");

        WampMessage.Invocation invocation = callee.last(WampMessage.Invocation.class);
        assertThat(invocation.registration()).isEqualTo(id);
        assertThat(invocation.details()).containsEntry("procedure", "com.myapp.myobject1.myprocedure1");
        assertThat(h.dealer.match("com.myapp.myobject2.myprocedure1")).isEqualTo(id);
        // the wildcard stands for exactly one whole component
        assertThat(h.dealer.match("com.myapp.myobject1.myprocedure1.mysubprocedure1")).isNull();
        assertThat(h.dealer.match("com.myapp.myprocedure1")).isNull();
        assertThat(h.dealer.match("com.myapp.myobject1.myprocedure2")).isNull();
        assertThat(h.dealer.match("com.myapp2.myobject1.myprocedure1")).isNull();
    }

    @Test
    void wildcardPrecedenceFollowsTheSpecExamples() {
        long rpc1 = h.register(callee(11), "a1.b2.c3.d4.e55");
        long rpc2 = h.register(callee(12), "a1.b2.c3", Map.of("match", "prefix"));
        long rpc3 = h.register(callee(13), "a1.b2.c3.d4", Map.of("match", "prefix"));
        long rpc4 = h.register(callee(14), "a1.b2..d4.e5", Map.of("match", "wildcard"));
        long rpc5 = h.register(callee(15), "a1.b2.c3..e5", Map.of("match", "wildcard"));
        long rpc6 = h.register(callee(16), "a1.b2..d4.e5..g7", Map.of("match", "wildcard"));
        long rpc7 = h.register(callee(17), "a1.b2..d4..f6.g7", Map.of("match", "wildcard"));

        assertThat(h.dealer.match("a1.b2.c3.d4.e55")).isEqualTo(rpc1);
        assertThat(h.dealer.match("a1.b2.c3.d98.e74")).isEqualTo(rpc2);
        assertThat(h.dealer.match("a1.b2.c3.d4.e325")).isEqualTo(rpc3);
        assertThat(h.dealer.match("a1.b2.c55.d4.e5")).isEqualTo(rpc4);
        assertThat(h.dealer.match("a1.b2.c3.d4.e5")).isEqualTo(rpc3); // prefix a1.b2.c3.d4 comes before wildcards
        assertThat(h.dealer.match("a1.b2.c88.d4.e5.f6.g7")).isEqualTo(rpc6);
        assertThat(h.dealer.match("a2.b2.c2.d2.e2")).isNull();
        assertThat(rpc5).isPositive();
        assertThat(rpc7).isPositive();
    }

    @Test
    void longerLiteralRunBeforeTheWildcardWins() {
        long rpc4 = h.register(callee(14), "a1.b2..d4.e5", Map.of("match", "wildcard"));
        long rpc5 = h.register(callee(15), "a1.b2.c3..e5", Map.of("match", "wildcard"));

        assertThat(h.dealer.match("a1.b2.c3.d4.e5")).isEqualTo(rpc5);
        assertThat(h.dealer.match("a1.b2.c55.d4.e5")).isEqualTo(rpc4);
    }

    @Test
    void roundRobinRotatesCallees() {
        RecordingPeer a = callee(2);
        RecordingPeer b = callee(3);
        RecordingPeer c = callee(4);
        long id = h.register(a, "com.acme.work", Map.of("invoke", "roundrobin"));
        assertThat(h.register(b, "com.acme.work", Map.of("invoke", "roundrobin"))).isEqualTo(id);
        assertThat(h.register(c, "com.acme.work", Map.of("invoke", "roundrobin"))).isEqualTo(id);

        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            h.call(caller, i + 1, "com.acme.work");
            order.add(whoGotLastInvocation(a, b, c));
        }

        assertThat(order).containsExactly(2L, 3L, 4L, 2L, 3L, 4L);
    }

    @Test
    void roundRobinSkipsACalleeThatLeft() {
        RecordingPeer a = callee(2);
        RecordingPeer b = callee(3);
        RecordingPeer c = callee(4);
        for (RecordingPeer p : List.of(a, b, c)) h.register(p, "com.acme.work", Map.of("invoke", "roundrobin"));
        h.call(caller, 1, "com.acme.work");
        assertThat(whoGotLastInvocation(a, b, c)).isEqualTo(2L);
        h.dealer.sessionLeft(b); // b was due next

        h.call(caller, 2, "com.acme.work");
        assertThat(whoGotLastInvocation(a, b, c)).isEqualTo(4L);
        h.call(caller, 3, "com.acme.work");
        assertThat(whoGotLastInvocation(a, b, c)).isEqualTo(2L);
    }

    @Test
    void firstAndLastPolicies() {
        RecordingPeer a = callee(2);
        RecordingPeer b = callee(3);
        RecordingPeer c = callee(4);
        for (RecordingPeer p : List.of(a, b, c)) h.register(p, "com.acme.first", Map.of("invoke", "first"));
        for (RecordingPeer p : List.of(a, b, c)) h.register(p, "com.acme.last", Map.of("invoke", "last"));

        h.call(caller, 1, "com.acme.first");
        assertThat(whoGotLastInvocation(a, b, c)).isEqualTo(2L);
        h.call(caller, 2, "com.acme.last");
        assertThat(whoGotLastInvocation(a, b, c)).isEqualTo(4L);

        h.dealer.sessionLeft(a);
        h.dealer.sessionLeft(c);
        h.call(caller, 3, "com.acme.first");
        assertThat(whoGotLastInvocation(a, b, c)).isEqualTo(3L);
        h.call(caller, 4, "com.acme.last");
        assertThat(whoGotLastInvocation(a, b, c)).isEqualTo(3L);
    }

    @Test
    void randomPolicyPicksAmongCallees() {
        RecordingPeer a = callee(2);
        RecordingPeer b = callee(3);
        RecordingPeer c = callee(4);
        for (RecordingPeer p : List.of(a, b, c)) h.register(p, "com.acme.any", Map.of("invoke", "random"));

        Set<Long> picked = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            h.call(caller, i + 1, "com.acme.any");
            picked.add(whoGotLastInvocation(a, b, c));
        }

        assertThat(picked).containsExactlyInAnyOrder(2L, 3L, 4L);
    }

    @Test
    void transparentPayloadPassesThrough() {
        RecordingPeer caller = peer(1, "caller.payload_passthru_mode");
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.secret");
        byte[] sealed = {1, 2, 3};
        Payload payload = Payload.transparent(sealed);

        h.call(caller, 5, "com.acme.secret", Map.of("ppt_scheme", "wamp.eth", "ppt_serializer", "cbor"), payload);

        WampMessage.Invocation invocation = callee.last(WampMessage.Invocation.class);
        assertThat(invocation.payload()).isSameAs(payload);
        assertThat(invocation.payload().transparent()).isSameAs(sealed);
        assertThat(invocation.details()).containsEntry("ppt_scheme", "wamp.eth").containsEntry("ppt_serializer", "cbor");

        Payload answer = Payload.transparent(new byte[]{9});
        h.yield(callee, invocation.request(), Map.of("ppt_scheme", "wamp.eth"), answer);

        WampMessage.Result result = caller.last(WampMessage.Result.class);
        assertThat(result.payload()).isSameAs(answer);
        assertThat(result.details()).isEqualTo(Map.of("ppt_scheme", "wamp.eth"));
    }

    @Test
    void transparentPayloadToCalleeWithoutPassthruIsAnApplicationError() {
        RecordingPeer caller = peer(1, "caller.payload_passthru_mode");
        RecordingPeer plain = peer(2);
        h.register(plain, "com.acme.secret");

        h.call(caller, 5, "com.acme.secret", Map.of("ppt_scheme", "x"), Payload.transparent(new byte[]{1}));

        assertThat(plain.received(WampMessage.Invocation.class)).isEmpty();
        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo("wamp.error.feature_not_supported");
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void transparentYieldToCallerWithoutPassthruFailsTheCall() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.secret");
        h.call(caller, 5, "com.acme.secret");
        long invocation = callee.last(WampMessage.Invocation.class).request();

        h.yield(callee, invocation, Map.of("ppt_scheme", "x"), Payload.transparent(new byte[]{1}));

        WampMessage.Error toCallee = callee.last(WampMessage.Error.class);
        assertThat(toCallee.requestType()).isEqualTo(WampMessage.Yield.CODE);
        assertThat(toCallee.error()).isEqualTo("wamp.error.feature_not_supported");
        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo("wamp.error.feature_not_supported");
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void callerMayCallItsOwnProcedure() {
        RecordingPeer both = callee(2);
        h.register(both, "com.acme.self");

        h.call(both, 1, "com.acme.self");
        h.yield(both, both.last(WampMessage.Invocation.class).request(), "me");

        assertThat(both.last(WampMessage.Result.class).payload().args()).isEqualTo(args("me"));
    }

    /** The session that got the one INVOCATION sent since the last look; clears every recorder. */
    private static long whoGotLastInvocation(RecordingPeer... callees) {
        List<Long> who = new ArrayList<>();
        for (RecordingPeer callee : callees) {
            if (!callee.received(WampMessage.Invocation.class).isEmpty()) who.add(callee.sessionId());
            callee.clear();
        }
        assertThat(who).hasSize(1);
        return who.get(0);
    }
}
