package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vakt.wamp.dealer.DealerHarness.args;
import static io.vakt.wamp.dealer.DealerHarness.callee;
import static io.vakt.wamp.dealer.DealerHarness.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One call's messages: progress, caller disclosure, errors, limits, internal procedures. */
class DealerCallTest {
    private final DealerHarness h = new DealerHarness();
    private final RecordingPeer caller = peer(1);

    @Test
    void deliversProgressiveResultsWhenAsked() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.count");

        h.call(caller, 4, "com.acme.count", Map.of("receive_progress", true));
        WampMessage.Invocation invocation = callee.last(WampMessage.Invocation.class);
        assertThat(invocation.details()).containsEntry("receive_progress", true);

        h.yield(callee, invocation.request(), Map.of("progress", true), Payload.of(List.of(1L)));
        h.yield(callee, invocation.request(), Map.of("progress", true), Payload.of(List.of(2L)));
        h.yield(callee, invocation.request(), Map.of(), Payload.of(List.of(3L)));

        List<WampMessage.Result> results = caller.received(WampMessage.Result.class);
        assertThat(results).extracting(WampMessage.Result::request).containsOnly(4L);
        assertThat(results).extracting(WampMessage.Result::details)
                .containsExactly(Map.of("progress", true), Map.of("progress", true), Map.of());
        assertThat(results).extracting(r -> r.payload().args()).containsExactly(args(1L), args(2L), args(3L));
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void receiveProgressIsNotAskedOfACalleeThatCannotGiveIt() {
        RecordingPeer plain = peer(2);
        h.register(plain, "com.acme.count");

        h.call(caller, 4, "com.acme.count", Map.of("receive_progress", true));

        assertThat(plain.last(WampMessage.Invocation.class).details()).doesNotContainKey("receive_progress");
    }

    @Test
    void dropsProgressWhenNotAsked() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.count");

        h.call(caller, 4, "com.acme.count");
        long invocation = callee.last(WampMessage.Invocation.class).request();
        h.yield(callee, invocation, Map.of("progress", true), Payload.of(List.of(1L)));
        assertThat(caller.received()).isEmpty();
        assertThat(h.dealer.pendingCalls()).isEqualTo(1);

        h.yield(callee, invocation, "done");
        assertThat(caller.received(WampMessage.Result.class)).singleElement()
                .satisfies(r -> assertThat(r.payload().args()).isEqualTo(args("done")));
    }

    @Test
    void disclosesCallerWhenRegistered() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.whoami", Map.of("disclose_caller", true));

        h.call(caller, 1, "com.acme.whoami");

        assertThat(callee.last(WampMessage.Invocation.class).details()).isEqualTo(Map.of(
                "caller", 1L, "caller_authid", "user1", "caller_authrole", "user"));
    }

    @Test
    void disclosesCallerWhenTheCallAsks() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.whoami");

        h.call(caller, 1, "com.acme.whoami", Map.of("disclose_me", true));

        assertThat(callee.last(WampMessage.Invocation.class).details()).containsEntry("caller", 1L);
    }

    @Test
    void keepsCallerAnonymousByDefault() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.whoami");

        h.call(caller, 1, "com.acme.whoami");

        assertThat(callee.last(WampMessage.Invocation.class).details()).doesNotContainKeys("caller", "caller_authid");
    }

    @Test
    void calleeErrorGoesToTheCaller() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.div");
        h.call(caller, 8, "com.acme.div");
        long invocation = callee.last(WampMessage.Invocation.class).request();
        Payload payload = Payload.of(List.of("division by zero"), Map.of("code", 7L));

        h.dealer.invocationError(callee, new WampMessage.Error(WampMessage.Invocation.CODE, invocation, Map.of(),
                "com.acme.error.math", payload));

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(WampMessage.Call.CODE);
        assertThat(error.request()).isEqualTo(8);
        assertThat(error.error()).isEqualTo("com.acme.error.math");
        assertThat(error.payload()).isSameAs(payload);
        assertThat(h.stats.callErrors.sum()).isEqualTo(1);
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void recordsCallLatency() {
        List<Long> latencies = new ArrayList<>();
        h.stats.onCallLatency(latencies::add);
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.slow");

        h.call(caller, 1, "com.acme.slow");
        h.scheduler.advance(Duration.ofMillis(25));
        h.yield(callee, callee.last(WampMessage.Invocation.class).request(), "ok");

        assertThat(latencies).containsExactly(Duration.ofMillis(25).toNanos());
    }

    @Test
    void limitsPendingCallsPerSession() {
        DealerHarness limited = new DealerHarness(DealerHarness.config(2, Duration.ZERO));
        RecordingPeer callee = callee(2);
        limited.register(callee, "com.acme.wait");

        limited.call(caller, 1, "com.acme.wait");
        limited.call(caller, 2, "com.acme.wait");
        limited.call(caller, 3, "com.acme.wait");

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.request()).isEqualTo(3);
        assertThat(error.error()).isEqualTo(WampUris.LIMIT_EXCEEDED);
        assertThat(callee.received(WampMessage.Invocation.class)).hasSize(2);

        // another session has its own budget, and an answered call frees a slot
        limited.call(peer(5), 1, "com.acme.wait");
        assertThat(callee.received(WampMessage.Invocation.class)).hasSize(3);
        limited.yield(callee, 1, "done");
        limited.call(caller, 4, "com.acme.wait");
        assertThat(callee.received(WampMessage.Invocation.class)).hasSize(4);
    }

    @Test
    void duplicateCallRequestIdIsProtocolViolation() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.wait");
        h.call(caller, 1, "com.acme.wait");

        assertThatThrownBy(() -> h.call(caller, 1, "com.acme.wait")).isInstanceOf(ProtocolViolation.class)
                .hasMessageContaining("1");
        assertThat(callee.received(WampMessage.Invocation.class)).hasSize(1);

        // once answered, the id may be used again
        h.yield(callee, 1, "done");
        h.call(caller, 1, "com.acme.wait");
        assertThat(callee.received(WampMessage.Invocation.class)).hasSize(2);
    }

    @Test
    void internalProcedureAnswers() {
        List<Peer> seen = new ArrayList<>();
        h.dealer.addInternal("wamp.session.count", (who, options, payload) -> {
            seen.add(who);
            return Payload.of(List.of(42L));
        });
        RecordingPeer callee = callee(2);
        h.register(callee, "wamp.", Map.of("match", "prefix")); // internal procedures come first

        h.call(caller, 3, "wamp.session.count");

        WampMessage.Result result = caller.last(WampMessage.Result.class);
        assertThat(result.request()).isEqualTo(3);
        assertThat(result.payload().args()).isEqualTo(args(42L));
        assertThat(seen).containsExactly(caller);
        assertThat(callee.received(WampMessage.Invocation.class)).isEmpty();
        assertThat(h.stats.calls.sum()).isEqualTo(1);
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void internalProcedureWampExceptionBecomesError() {
        h.dealer.addInternal("wamp.session.get", (who, options, payload) -> {
            throw new WampException(WampUris.NO_SUCH_SESSION, "no session 77");
        });

        h.call(caller, 3, "wamp.session.get");

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.request()).isEqualTo(3);
        assertThat(error.error()).isEqualTo(WampUris.NO_SUCH_SESSION);
        assertThat(error.payload().args()).isEqualTo(args("no session 77"));
        assertThat(h.stats.callErrors.sum()).isEqualTo(1);
    }

    @Test
    void internalProcedureFailureBecomesRuntimeError() {
        h.dealer.addInternal("wamp.session.list", (who, options, payload) -> {
            throw new IllegalStateException("bug");
        });

        h.call(caller, 3, "wamp.session.list");

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.error()).isEqualTo(WampUris.RUNTIME_ERROR);
        assertThat(error.payload().args()).hasSize(1).first().asString().doesNotContain("bug");
    }

    @Test
    void internalProcedureCanBeAddedOnlyOnce() {
        h.dealer.addInternal("wamp.session.count", (who, options, payload) -> Payload.EMPTY);

        assertThatThrownBy(() -> h.dealer.addInternal("wamp.session.count", (who, options, payload) -> Payload.EMPTY))
                .isInstanceOf(IllegalStateException.class);
    }
}
