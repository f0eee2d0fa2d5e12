package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vakt.wamp.dealer.DealerHarness.args;
import static io.vakt.wamp.dealer.DealerHarness.callee;
import static io.vakt.wamp.dealer.DealerHarness.peer;
import static org.assertj.core.api.Assertions.assertThat;

/** Timeouts, CANCEL and sessions leaving with calls in flight (WAMP spec "Call Timeouts", "Call Canceling"). */
class DealerCancelTest {
    private final DealerHarness h = new DealerHarness();
    private final RecordingPeer caller = peer(1, "caller.call_canceling");
    private final RecordingPeer callee = callee(2);

    private long callAndGetInvocation(long request, Map<String, Object> options) {
        h.register(callee, "com.acme.slow");
        h.call(caller, request, "com.acme.slow", options);
        return callee.last(WampMessage.Invocation.class).request();
    }

    @Test
    void timeoutErrorsCallerAndInterruptsCallee() {
        long invocation = callAndGetInvocation(6, Map.of("timeout", 500L));

        h.scheduler.advance(Duration.ofMillis(499));
        assertThat(caller.received()).isEmpty();
        h.scheduler.advance(Duration.ofMillis(1));

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.request()).isEqualTo(6);
        assertThat(error.error()).isEqualTo(WampUris.TIMEOUT);
        assertThat(error.payload().args()).isEqualTo(args("call timed out after 500 ms"));
        WampMessage.Interrupt interrupt = callee.last(WampMessage.Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation);
        assertThat(interrupt.options()).isEqualTo(Map.of("mode", "killnowait", "reason", WampUris.TIMEOUT));
        assertThat(h.stats.callTimeouts.sum()).isEqualTo(1);
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void timeoutDoesNotInterruptACalleeWithoutCanceling() {
        RecordingPeer plain = peer(3);
        h.register(plain, "com.acme.plain");

        h.call(caller, 6, "com.acme.plain", Map.of("timeout", 100L));
        h.scheduler.advance(Duration.ofMillis(100));

        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo(WampUris.TIMEOUT);
        assertThat(plain.received(WampMessage.Interrupt.class)).isEmpty();
    }

    @Test
    void defaultTimeoutAppliesWhenTheCallGivesNone() {
        DealerHarness withDefault = new DealerHarness(DealerHarness.config(1000, Duration.ofSeconds(2)));
        withDefault.register(callee, "com.acme.slow");

        withDefault.call(caller, 1, "com.acme.slow");
        withDefault.call(caller, 2, "com.acme.slow", Map.of("timeout", 5000L));
        withDefault.scheduler.advance(Duration.ofSeconds(2));

        assertThat(caller.received(WampMessage.Error.class)).extracting(WampMessage.Error::request).containsExactly(1L);
        assertThat(caller.last(WampMessage.Error.class).payload().args()).isEqualTo(args("call timed out after 2000 ms"));
        withDefault.scheduler.advance(Duration.ofSeconds(3));
        assertThat(caller.received(WampMessage.Error.class)).extracting(WampMessage.Error::request).containsExactly(1L, 2L);
    }

    @Test
    void timerStopsWhenTheCallEnds() {
        long invocation = callAndGetInvocation(6, Map.of("timeout", 500L));
        assertThat(h.scheduler.pendingTimers()).isEqualTo(1);

        h.yield(callee, invocation, "fast");

        assertThat(h.scheduler.pendingTimers()).isZero();
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(caller.received(WampMessage.Error.class)).isEmpty();
        assertThat(h.stats.callTimeouts.sum()).isZero();
    }

    @Test
    void lateYieldAfterTimeoutIsIgnored() {
        long invocation = callAndGetInvocation(6, Map.of("timeout", 500L));
        h.scheduler.advance(Duration.ofMillis(500));
        caller.clear();

        h.yield(callee, invocation, "too late");
        h.dealer.invocationError(callee, new WampMessage.Error(WampMessage.Invocation.CODE, invocation, Map.of(),
                WampUris.CANCELED, Payload.EMPTY));

        assertThat(caller.received()).isEmpty();
    }

    @Test
    void cancelSkip() {
        long invocation = callAndGetInvocation(6, Map.of());

        h.cancel(caller, 6, "skip");

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.request()).isEqualTo(6);
        assertThat(error.error()).isEqualTo(WampUris.CANCELED);
        assertThat(callee.received(WampMessage.Interrupt.class)).isEmpty();
        h.yield(callee, invocation, "discarded");
        assertThat(caller.received()).hasSize(1);
        assertThat(h.stats.callsCanceled.sum()).isEqualTo(1);
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void cancelKill() {
        long invocation = callAndGetInvocation(6, Map.of("receive_progress", true));

        h.cancel(caller, 6, "kill");

        assertThat(caller.received()).isEmpty();
        assertThat(callee.last(WampMessage.Interrupt.class).options()).containsEntry("mode", "kill");
        // progress after the cancel is not forwarded; the callee's answer to the interrupt ends the call
        h.yield(callee, invocation, Map.of("progress", true), Payload.of(List.of(1L)));
        assertThat(caller.received()).isEmpty();
        h.dealer.invocationError(callee, new WampMessage.Error(WampMessage.Invocation.CODE, invocation, Map.of(),
                WampUris.CANCELED, Payload.of(List.of("stopped"))));

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.request()).isEqualTo(6);
        assertThat(error.error()).isEqualTo(WampUris.CANCELED);
        assertThat(error.payload().args()).isEqualTo(args("stopped"));
        assertThat(h.stats.callsCanceled.sum()).isEqualTo(1);
        assertThat(h.stats.callErrors.sum()).isZero();
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void cancelKillDeliversAResultThatWonTheRace() {
        long invocation = callAndGetInvocation(6, Map.of());
        h.cancel(caller, 6, "kill");

        h.yield(callee, invocation, "finished first");

        assertThat(caller.last(WampMessage.Result.class).payload().args()).isEqualTo(args("finished first"));
    }

    @Test
    void cancelKillNoWait() {
        long invocation = callAndGetInvocation(6, Map.of());

        h.cancel(caller, 6, "killnowait");

        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo(WampUris.CANCELED);
        WampMessage.Interrupt interrupt = callee.last(WampMessage.Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation);
        assertThat(interrupt.options()).isEqualTo(Map.of("mode", "killnowait", "reason", WampUris.CANCELED));
        h.dealer.invocationError(callee, new WampMessage.Error(WampMessage.Invocation.CODE, invocation, Map.of(),
                WampUris.CANCELED, Payload.EMPTY));
        assertThat(caller.received()).hasSize(1);
    }

    @Test
    void cancelWithoutModeIsKillNoWait() {
        callAndGetInvocation(6, Map.of());

        h.cancel(caller, 6, null);

        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo(WampUris.CANCELED);
        assertThat(callee.last(WampMessage.Interrupt.class).options()).containsEntry("mode", "killnowait");
    }

    @Test
    void cancelFallsBackToSkipWithoutCalleeSupport() {
        RecordingPeer plain = peer(3);
        h.register(plain, "com.acme.plain");
        h.call(caller, 6, "com.acme.plain");
        h.call(caller, 7, "com.acme.plain");

        h.cancel(caller, 6, "kill");
        h.cancel(caller, 7, "killnowait");

        assertThat(caller.received(WampMessage.Error.class)).extracting(WampMessage.Error::request).containsExactly(6L, 7L);
        assertThat(caller.received(WampMessage.Error.class)).extracting(WampMessage.Error::error).containsOnly(WampUris.CANCELED);
        assertThat(plain.received(WampMessage.Interrupt.class)).isEmpty();
        assertThat(h.dealer.pendingCalls()).isZero();
    }

    @Test
    void skipAfterKillStopsTheWaiting() {
        callAndGetInvocation(6, Map.of());
        h.cancel(caller, 6, "kill");
        h.cancel(caller, 6, "kill"); // pressing the button again changes nothing

        h.cancel(caller, 6, "skip");

        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo(WampUris.CANCELED);
        assertThat(callee.received(WampMessage.Interrupt.class)).hasSize(1);
        assertThat(h.stats.callsCanceled.sum()).isEqualTo(1);
    }

    @Test
    void cancelOfAnUnknownOrFinishedCallIsIgnored() {
        long invocation = callAndGetInvocation(6, Map.of());
        h.yield(callee, invocation, "done");
        caller.clear();

        h.cancel(caller, 6, "kill");
        h.cancel(caller, 99, "skip");
        h.cancel(peer(5), 6, "skip");

        assertThat(caller.received()).isEmpty();
        assertThat(callee.received(WampMessage.Interrupt.class)).isEmpty();
        assertThat(h.stats.callsCanceled.sum()).isZero();
    }

    @Test
    void cancelWithUnknownModeIsAnInvalidArgument() {
        callAndGetInvocation(6, Map.of());

        h.cancel(caller, 6, "pause");

        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(WampMessage.Cancel.CODE);
        assertThat(error.error()).isEqualTo(WampUris.INVALID_ARGUMENT);
        assertThat(h.dealer.pendingCalls()).isEqualTo(1);
    }

    @Test
    void calleeLeavingErrorsEveryWaitingCaller() {
        RecordingPeer other = peer(3);
        h.register(callee, "com.acme.slow");
        h.call(caller, 6, "com.acme.slow", Map.of("timeout", 1000L));
        h.call(caller, 7, "com.acme.slow");
        h.call(other, 6, "com.acme.slow");

        h.dealer.sessionLeft(callee);

        for (RecordingPeer waiting : List.of(caller, other)) {
            assertThat(waiting.received(WampMessage.Error.class)).allSatisfy(e -> {
                assertThat(e.error()).isEqualTo(WampUris.CANCELED);
                assertThat(e.payload().args()).isEqualTo(args("callee left: session 2"));
            });
        }
        assertThat(caller.received(WampMessage.Error.class)).extracting(WampMessage.Error::request).containsExactlyInAnyOrder(6L, 7L);
        assertThat(other.received(WampMessage.Error.class)).extracting(WampMessage.Error::request).containsExactly(6L);
        assertThat(h.dealer.pendingCalls()).isZero();
        assertThat(h.scheduler.pendingTimers()).isZero();
        assertThat(h.dealer.match("com.acme.slow")).isNull();
    }

    @Test
    void callerLeavingInterruptsCallee() {
        RecordingPeer plain = peer(3);
        h.register(callee, "com.acme.slow");
        h.register(plain, "com.acme.plain");
        h.call(caller, 6, "com.acme.slow", Map.of("timeout", 1000L));
        h.call(caller, 7, "com.acme.plain");
        long invocation = callee.last(WampMessage.Invocation.class).request();

        h.dealer.sessionLeft(caller);

        WampMessage.Interrupt interrupt = callee.last(WampMessage.Interrupt.class);
        assertThat(interrupt.request()).isEqualTo(invocation);
        assertThat(interrupt.options()).containsEntry("mode", "killnowait");
        assertThat(plain.received(WampMessage.Interrupt.class)).isEmpty();
        assertThat(h.dealer.pendingCalls()).isZero();
        assertThat(h.scheduler.pendingTimers()).isZero();
        h.yield(callee, invocation, "nobody listens");
        assertThat(caller.received(WampMessage.Result.class)).isEmpty();
    }
}
