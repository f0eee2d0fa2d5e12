package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampScheduler;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.uri.MatchPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The life of a call: CALL → INVOCATION → (progressive) YIELD or ERROR → RESULT or ERROR, with router-enforced
 * timeouts, cancellation and the end of either party's session. Router thread only.
 *
 * <p>A pending call sits in two hash maps, its caller's (by CALL request id) and its callee's (by INVOCATION
 * request id); everything a message or a leaving session needs is one lookup away.
 */
final class Calls {
    private static final Logger log = LoggerFactory.getLogger(Dealer.class);

    static final String FEATURE_NOT_SUPPORTED = "wamp.error.feature_not_supported";
    private static final String CALLEE = "callee";

    private final Registrations registrations;
    private final WampScheduler scheduler;
    private final WampConfig config;
    private final WampStats stats;
    private final RandomGenerator random;
    private final Map<String, InternalProcedure> internals = new HashMap<>();
    private int pending;

    Calls(Registrations registrations, WampScheduler scheduler, WampConfig config, WampStats stats,
          RandomGenerator random) {
        this.registrations = registrations;
        this.scheduler = scheduler;
        this.config = config;
        this.stats = stats;
        this.random = random;
    }

    void addInternal(String uri, InternalProcedure procedure) {
        if (internals.putIfAbsent(uri, procedure) != null) {
            throw new IllegalStateException("internal procedure already added: " + uri);
        }
    }

    boolean isInternal(String uri) { return internals.containsKey(uri); }

    int pending() { return pending; }

    void call(PeerState caller, WampMessage.Call call) {
        long request = call.request();
        if (caller.calls.containsKey(request)) {
            // WAMP spec "Protocol Violations": request ids of one session must be unique while pending.
            throw new ProtocolViolation("CALL request id " + request + " is still pending");
        }
        stats.calls.increment();
        String uri = call.procedure();
        InternalProcedure internal = internals.get(uri);
        if (internal != null) {
            callInternal(caller, call, internal);
            return;
        }
        Registration registration = registrations.match(uri);
        if (registration == null) {
            fail(caller, request, WampUris.NO_SUCH_PROCEDURE, "no callee registered for procedure '" + uri + "'");
            return;
        }
        int limit = config.maxPendingCallsPerSession();
        if (caller.calls.size() >= limit) {
            fail(caller, request, WampUris.LIMIT_EXCEEDED, "too many pending calls (at most " + limit + ")");
            return;
        }
        Callee target = registration.pick(random);
        PeerState callee = target.session();
        if (call.payload().transparent() != null && !callee.supports(CALLEE, "payload_passthru_mode")) {
            // WAMP spec "Payload Passthru Mode": an application error, not a protocol violation.
            fail(caller, request, FEATURE_NOT_SUPPORTED, "the callee of '" + uri + "' does not support payload passthru");
            return;
        }
        Map<String, Object> options = call.options();
        boolean progress = Boolean.TRUE.equals(options.get("receive_progress"));
        PendingCall pc = new PendingCall(caller, request, callee, callee.invocationIds.next(), uri, progress,
                scheduler.nanoTime());
        caller.calls.put(request, pc);
        callee.invocations.put(pc.invocation, pc);
        pending++;
        long timeoutMs = timeoutMillis(options);
        if (timeoutMs > 0) pc.timer = scheduler.schedule(Duration.ofMillis(timeoutMs), () -> timedOut(pc, timeoutMs));
        callee.peer.invoke(new WampMessage.Invocation(pc.invocation, registration.id(),
                invocationDetails(caller, target, registration, call, progress), call.payload()), caller.peer.identity());
    }

    /**
     * WAMP spec "Call Timeouts", dealer-initiated: the caller's {@code timeout} (ms, 0 = none) or, when it gives
     * none, the configured default. The dealer always runs the timer itself, whether or not the callee
     * announced {@code call_timeout}, so a timeout never depends on the callee honouring it.
     */
    private long timeoutMillis(Map<String, Object> options) {
        if (options.get("timeout") instanceof Number timeout && timeout.longValue() > 0) return timeout.longValue();
        return config.defaultCallTimeout().toMillis();
    }

    /** INVOCATION.Details: progressive results, the concrete procedure, the caller's identity, passthru. */
    private static Map<String, Object> invocationDetails(PeerState caller, Callee target, Registration registration,
                                                         WampMessage.Call call, boolean progress) {
        Map<String, Object> details = null;
        // "Progressive Call Results": only to a callee that announced it can produce them.
        if (progress && target.session().supports(CALLEE, "progressive_call_results")) {
            details = new HashMap<>();
            details.put("receive_progress", true);
        }
        // "Pattern-based Registrations": the callee must learn which procedure was actually called.
        if (registration.match() != MatchPolicy.EXACT) {
            if (details == null) details = new HashMap<>();
            details.put("procedure", call.procedure());
        }
        // "Caller Identification": disclose_caller on the registration or disclose_me on the call.
        if (target.discloseCaller() || Boolean.TRUE.equals(call.options().get("disclose_me"))) {
            if (details == null) details = new HashMap<>();
            details.put("caller", caller.sessionId());
            details.put("caller_authid", caller.peer.identity().authid());
            details.put("caller_authrole", caller.peer.identity().authrole());
        }
        details = Details.passthru(call.payload(), call.options(), details);
        return details == null ? Map.of() : details;
    }

    private void callInternal(PeerState caller, WampMessage.Call call, InternalProcedure procedure) {
        long start = scheduler.nanoTime();
        Payload result;
        try {
            result = procedure.call(caller.peer, call.options(), call.payload());
        } catch (WampException e) {
            stats.callErrors.increment();
            caller.peer.send(new WampMessage.Error(WampMessage.Call.CODE, call.request(), Map.of(), e.uri(), e.payload()));
            return;
        } catch (RuntimeException e) {
            // A bug in router code, not bad input: worth a stack trace; the caller only learns that it failed.
            log.warn("internal procedure {} failed for session {}", call.procedure(), caller.sessionId(), e);
            fail(caller, call.request(), WampUris.RUNTIME_ERROR, "internal error in procedure '" + call.procedure() + "'");
            return;
        }
        caller.peer.send(new WampMessage.Result(call.request(), Map.of(), result == null ? Payload.EMPTY : result));
        stats.recordCallLatency(scheduler.nanoTime() - start);
    }

    void yield(PeerState callee, WampMessage.Yield yield) {
        PendingCall pc = callee == null ? null : callee.invocations.get(yield.request());
        if (pc == null) {
            // Legitimate after a skip/killnowait cancel, a timeout or the caller leaving (spec "Call Canceling").
            log.debug("session {}: YIELD for invocation {} that is no longer pending, ignored",
                    callee == null ? "?" : callee.sessionId(), yield.request());
            return;
        }
        Payload payload = yield.payload();
        boolean progress = Boolean.TRUE.equals(yield.options().get("progress"));
        if (payload.transparent() != null && !pc.caller.supports("caller", "payload_passthru_mode")) {
            // "Payload Passthru Mode": the callee learns that its answer cannot be delivered; the caller, that
            // its call failed, rather than waiting for an answer that will not come.
            callee.peer.send(new WampMessage.Error(WampMessage.Yield.CODE, yield.request(), Map.of(),
                    FEATURE_NOT_SUPPORTED, text("the caller does not support payload passthru")));
            end(pc);
            fail(pc.caller, pc.callRequest, FEATURE_NOT_SUPPORTED, "the callee answered with payload passthru");
            return;
        }
        if (progress) {
            // "Progressive Call Results": forwarded only to a caller that asked, and not once it cancelled.
            if (pc.progressToCaller && !pc.killRequested) {
                pc.caller.peer.send(new WampMessage.Result(pc.callRequest, Details.result(true, payload, yield.options()), payload));
            }
            return;
        }
        // "Call Canceling", mode kill: the callee finished before the interrupt, so the caller gets the RESULT.
        end(pc);
        pc.caller.peer.send(new WampMessage.Result(pc.callRequest, Details.result(false, payload, yield.options()), payload));
        stats.recordCallLatency(scheduler.nanoTime() - pc.startNanos);
    }

    void invocationError(PeerState callee, WampMessage.Error error) {
        PendingCall pc = callee == null ? null : callee.invocations.get(error.request());
        if (pc == null) {
            log.debug("session {}: ERROR for invocation {} that is no longer pending, ignored",
                    callee == null ? "?" : callee.sessionId(), error.request());
            return;
        }
        end(pc);
        // A kill-cancelled call was already counted as cancelled; whatever the callee says ends it (spec "kill").
        if (!pc.killRequested) stats.callErrors.increment();
        pc.caller.peer.send(new WampMessage.Error(WampMessage.Call.CODE, pc.callRequest,
                Details.error(error.payload(), error.details()), error.error(), error.payload()));
        stats.recordCallLatency(scheduler.nanoTime() - pc.startNanos);
    }

    /** WAMP spec "Call Canceling". A CANCEL for a call that has ended (or never was) is ignored. */
    void cancel(PeerState caller, WampMessage.Cancel cancel) {
        PendingCall pc = caller == null ? null : caller.calls.get(cancel.request());
        if (pc == null) {
            log.debug("CANCEL for call {} that is not pending, ignored", cancel.request());
            return;
        }
        CancelMode mode = CancelMode.parse(cancel.options().get("mode"));
        if (mode == null) {
            pc.caller.peer.send(new WampMessage.Error(WampMessage.Cancel.CODE, cancel.request(), Map.of(),
                    WampUris.INVALID_ARGUMENT, text("unknown cancel mode '" + cancel.options().get("mode") + "'")));
            return;
        }
        if (pc.killRequested && mode == CancelMode.KILL) return; // already interrupted, still waiting
        // "If the callee does not support call canceling, then behavior is skip."
        if (!pc.callee.supports(CALLEE, "call_canceling")) mode = CancelMode.SKIP;
        if (!pc.killRequested) stats.callsCanceled.increment();
        switch (mode) {
            case SKIP -> {
                end(pc);
                sendCanceled(pc, "call canceled");
            }
            case KILLNOWAIT -> {
                end(pc);
                sendCanceled(pc, "call canceled");
                // A second CANCEL after kill only stops the waiting: the callee was interrupted already.
                if (!pc.killRequested) interrupt(pc, CancelMode.KILLNOWAIT, WampUris.CANCELED);
            }
            case KILL -> {
                pc.killRequested = true;
                interrupt(pc, CancelMode.KILL, WampUris.CANCELED);
            }
        }
    }

    /** "Call Timeouts", dealer-initiated: like a killnowait cancel, with {@code wamp.error.timeout}. */
    private void timedOut(PendingCall pc, long timeoutMs) {
        if (pc.done) return;
        end(pc);
        stats.callTimeouts.increment();
        pc.caller.peer.send(new WampMessage.Error(WampMessage.Call.CODE, pc.callRequest, Map.of(), WampUris.TIMEOUT,
                text("call timed out after " + timeoutMs + " ms")));
        if (!pc.killRequested && pc.callee.supports(CALLEE, "call_canceling")) {
            interrupt(pc, CancelMode.KILLNOWAIT, WampUris.TIMEOUT);
        }
    }

    /** The session left as a caller: its calls are dropped and their callees told to stop. */
    void callerLeft(PeerState caller) {
        if (caller.calls.isEmpty()) return;
        List<PendingCall> calls = new ArrayList<>(caller.calls.values());
        for (PendingCall pc : calls) end(pc);
        for (PendingCall pc : calls) {
            if (pc.callee != caller && !pc.killRequested && pc.callee.supports(CALLEE, "call_canceling")) {
                interrupt(pc, CancelMode.KILLNOWAIT, WampUris.CANCELED);
            }
        }
    }

    /** The session left as a callee: every caller still waiting on it gets ERROR canceled. */
    void calleeLeft(PeerState callee) {
        if (callee.invocations.isEmpty()) return;
        List<PendingCall> invocations = new ArrayList<>(callee.invocations.values());
        for (PendingCall pc : invocations) end(pc);
        for (PendingCall pc : invocations) {
            if (pc.caller == callee) continue;
            stats.callErrors.increment();
            pc.caller.peer.send(new WampMessage.Error(WampMessage.Call.CODE, pc.callRequest, Map.of(), WampUris.CANCELED,
                    text("callee left: session " + callee.sessionId())));
        }
    }

    /** Forgets a call, stopping its timer. State first, messages after, so a send that ends a session is safe. */
    private void end(PendingCall pc) {
        if (pc.done) return;
        pc.done = true;
        pc.caller.calls.remove(pc.callRequest, pc);
        pc.callee.invocations.remove(pc.invocation, pc);
        if (pc.timer != null) pc.timer.cancel();
        pending--;
    }

    private void interrupt(PendingCall pc, CancelMode mode, String reason) {
        pc.callee.peer.send(new WampMessage.Interrupt(pc.invocation, Map.of("mode", mode.wireName, "reason", reason)));
    }

    private static void sendCanceled(PendingCall pc, String text) {
        pc.caller.peer.send(new WampMessage.Error(WampMessage.Call.CODE, pc.callRequest, Map.of(), WampUris.CANCELED, text(text)));
    }

    private void fail(PeerState caller, long request, String uri, String text) {
        stats.callErrors.increment();
        caller.peer.send(new WampMessage.Error(WampMessage.Call.CODE, request, Map.of(), uri, text(text)));
    }

    private static Payload text(String text) { return Payload.of(List.of(text)); }
}
