package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Error;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Invocation;
import io.vakt.wamp.message.WampMessage.Result;
import io.vakt.wamp.router.EncodedOnce;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.RealmGateway;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The router's view of a {@link LocalSession}: a {@link Peer} without a transport. Messages from the router
 * arrive as objects, with no serialization, and complete the session's futures or run its handlers on the
 * handler executor. Router thread only.
 */
final class LocalPeer implements Peer {
    private static final Logger log = LoggerFactory.getLogger(LocalPeer.class);

    /** What the local client implements, as {@code role.feature} (WAMP spec "Feature Announcement"). */
    private static final Set<String> FEATURES = Set.of(
            "caller.progressive_call_results", "caller.call_canceling", "caller.call_timeout",
            "callee.progressive_call_results", "callee.call_canceling", "callee.caller_identification",
            "callee.pattern_based_registration", "callee.shared_registration",
            "publisher.publisher_exclusion", "publisher.publisher_identification",
            "subscriber.pattern_based_subscription", "subscriber.publisher_identification");

    private record Subscription(String topic, List<Consumer<LocalEvent>> handlers) {}

    private final RealmGateway gateway;
    private final long sessionId;
    private final Identity identity;
    private final SerialLane lane;
    private final LocalCallee callee;
    private final IdGenerator.Sequence requestIds = new IdGenerator.Sequence();
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<Long, LocalProcedure> procedures = new HashMap<>();
    private final Map<Long, Subscription> subscriptions = new HashMap<>();
    private boolean joined;
    /** Why the session ended; null while it has not. */
    private String endReason;

    LocalPeer(RealmGateway gateway, long sessionId, Identity identity, Executor handlers) {
        this.gateway = gateway;
        this.sessionId = sessionId;
        this.identity = identity;
        this.lane = new SerialLane(handlers);
        this.callee = new LocalCallee(sessionId, gateway.scheduler(), handlers, this::fire);
    }

    void join() {
        if (endReason != null) return;
        joined = gateway.join(this);
        if (!joined) end(WampUris.CLOSE_SYSTEM_SHUTDOWN);
    }

    /** Sends a request; the router's answer to its request id settles {@code entry}. */
    void request(Pending entry, LongFunction<WampMessage> message) {
        if (endReason != null) {
            fail(entry.future(), ended());
            return;
        }
        if (entry.future().isDone()) return; // cancelled by the caller before it got here
        long request = requestIds.next();
        pending.put(request, entry);
        if (entry instanceof Pending.Call) {
            // WAMP spec "Call Canceling": a caller cancelling its future cancels the call.
            entry.future().whenComplete((result, failure) -> {
                if (entry.future().isCancelled()) gateway.scheduler().execute(() -> cancelCall(request));
            });
        }
        try {
            gateway.dispatch(this, message.apply(request));
        } catch (ProtocolViolation violation) {
            settleWithFailure(request, new WampException(WampUris.PROTOCOL_VIOLATION, violation.getMessage()));
        } catch (RuntimeException e) {
            log.warn("local session {}: request failed in the router", sessionId, e);
            settleWithFailure(request, e);
        }
    }

    /** Sends a message that gets no answer: an unacknowledged PUBLISH, a YIELD, an ERROR, a CANCEL. */
    void fire(WampMessage message) {
        if (endReason != null) return;
        try {
            gateway.dispatch(this, message);
        } catch (RuntimeException e) {
            log.warn("local session {}: {} failed in the router", sessionId, message.getClass().getSimpleName(), e);
        }
    }

    /** The next request id, for a message sent with {@link #fire}. */
    long nextRequestId() { return requestIds.next(); }

    /** The session ends (leave, kill, shutdown): every open request fails, handlers are dropped. */
    void end(String reason) {
        if (endReason != null) return;
        endReason = reason;
        WampException ended = ended();
        for (Pending entry : pending.values()) fail(entry.future(), ended);
        pending.clear();
        procedures.clear();
        subscriptions.clear();
        callee.stopAll();
        if (joined) {
            joined = false;
            // Leaving changes the dealer and broker, which may be iterating right now (a kill, a shutdown).
            gateway.scheduler().execute(() -> gateway.leave(this));
        }
    }

    // ---- messages from the router

    @Override
    public void invoke(Invocation invocation, Identity caller) { invocation(invocation, caller); }

    @Override
    public void send(WampMessage message) {
        switch (message) {
            case WampMessage.Registered registered -> {
                if (pending.remove(registered.request()) instanceof Pending.Register entry) {
                    procedures.put(registered.registration(), entry.procedure());
                    complete(entry.future(), registered.registration());
                }
            }
            case WampMessage.Unregistered unregistered -> unregistered(unregistered);
            case WampMessage.Subscribed subscribed -> {
                if (pending.remove(subscribed.request()) instanceof Pending.Subscribe entry) {
                    // Subscribing twice to one topic yields the same subscription (WAMP spec "SUBSCRIBED").
                    subscriptions.computeIfAbsent(subscribed.subscription(), id -> new Subscription(entry.topic(), new ArrayList<>()))
                            .handlers().add(entry.handler());
                    complete(entry.future(), subscribed.subscription());
                }
            }
            case WampMessage.Unsubscribed unsubscribed -> {
                // The router revoked a subscription ([35, 0, {subscription}]): its handlers stop.
                if (unsubscribed.request() == 0 && unsubscribed.details().get("subscription") instanceof Number id) {
                    subscriptions.remove(id.longValue());
                }
            }
            case WampMessage.Published published -> {
                if (pending.remove(published.request()) instanceof Pending.Publish entry) complete(entry.future(), published.publication());
            }
            case Result result -> result(result);
            case Error error -> {
                Pending entry = pending.remove(error.request());
                if (entry != null) fail(entry.future(), new WampException(error.error(), error.payload()));
            }
            case Event event -> event(event);
            // the dealer delivers invocations through invoke(); one arriving here has no known caller
            case Invocation invocation -> invocation(invocation, null);
            case WampMessage.Interrupt interrupt -> callee.interrupt(interrupt);
            case WampMessage.Goodbye goodbye -> end(goodbye.reason());
            case WampMessage.Abort abort -> end(abort.reason());
            case WampMessage.Hello hello -> unexpected(message);
            case WampMessage.Welcome welcome -> unexpected(message);
            case WampMessage.Challenge challenge -> unexpected(message);
            case WampMessage.Authenticate authenticate -> unexpected(message);
            case WampMessage.Publish publish -> unexpected(message);
            case WampMessage.Subscribe subscribe -> unexpected(message);
            case WampMessage.Unsubscribe unsubscribe -> unexpected(message);
            case WampMessage.EventReceived received -> unexpected(message);
            case WampMessage.Call call -> unexpected(message);
            case WampMessage.Cancel cancel -> unexpected(message);
            case WampMessage.Register register -> unexpected(message);
            case WampMessage.Unregister unregister -> unexpected(message);
            case WampMessage.Yield yield -> unexpected(message);
        }
    }

    @Override
    public void sendEvent(EncodedOnce event) {
        if (event.message() instanceof Event message) event(message);
    }

    private void unregistered(WampMessage.Unregistered unregistered) {
        if (unregistered.request() == 0) {
            // The router revoked a registration ([67, 0, {registration}]).
            if (unregistered.details().get("registration") instanceof Number id) procedures.remove(id.longValue());
            return;
        }
        if (pending.remove(unregistered.request()) instanceof Pending.Unregister entry) {
            procedures.remove(entry.registration());
            complete(entry.future(), null);
        }
    }

    private void result(Result result) {
        if (!(pending.get(result.request()) instanceof Pending.Call call)) return;
        if (Boolean.TRUE.equals(result.details().get("progress"))) {
            Consumer<Payload> progress = call.progress();
            if (progress != null) lane.execute(() -> progress.accept(result.payload()));
            return;
        }
        pending.remove(result.request());
        complete(call.future(), new CallResult(result.payload(), result.details()));
    }

    private void event(Event event) {
        if (endReason != null) return;
        Subscription subscription = subscriptions.get(event.subscription());
        if (subscription == null) return;
        String topic = event.details().get("topic") instanceof String published ? published : subscription.topic();
        LocalEvent delivered = new LocalEvent(topic, event.payload(), event.details());
        for (Consumer<LocalEvent> handler : subscription.handlers()) lane.execute(() -> handler.accept(delivered));
    }

    private void invocation(Invocation invocation, Identity caller) {
        LocalProcedure procedure = procedures.get(invocation.registration());
        if (procedure == null || endReason != null) {
            fire(new Error(Invocation.CODE, invocation.request(), Map.of(), WampUris.NO_SUCH_PROCEDURE,
                    Payload.of(List.of("the procedure is no longer registered"))));
            return;
        }
        callee.invoke(invocation, caller, procedure);
    }

    private void cancelCall(long request) {
        if (pending.remove(request) != null) fire(new WampMessage.Cancel(request, Map.of()));
    }

    private void settleWithFailure(long request, Throwable failure) {
        Pending entry = pending.remove(request);
        if (entry != null) fail(entry.future(), failure);
    }

    private void unexpected(WampMessage message) {
        log.debug("local session {}: ignoring {} from the router", sessionId, message.getClass().getSimpleName());
    }

    private WampException ended() {
        return new WampException(endReason, "local session " + sessionId + " has ended (" + endReason + ")");
    }

    // Futures complete on the handler executor, so a caller's continuations never run on the router thread.
    private <T> void complete(CompletableFuture<T> future, T value) { lane.execute(() -> future.complete(value)); }

    private void fail(CompletableFuture<?> future, Throwable failure) { lane.execute(() -> future.completeExceptionally(failure)); }

    // ---- Peer

    @Override
    public long sessionId() { return sessionId; }

    @Override
    public String realm() { return gateway.realm(); }

    @Override
    public Identity identity() { return identity; }

    @Override
    public boolean supportsFeature(String role, String feature) { return FEATURES.contains(role + "." + feature); }

    @Override
    public boolean isOpen() { return joined && endReason == null; }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("session", sessionId);
        details.put("authid", identity.authid());
        details.put("authrole", identity.authrole());
        details.put("authmethod", identity.authmethod());
        details.put("authprovider", identity.authprovider());
        if (identity.expiresAt() != null) details.put("authextra", Map.of("expires_at", identity.expiresAt().toString()));
        details.put("transport", Map.of("type", "local"));
        return details;
    }

    @Override
    public String toString() { return "local session " + sessionId + " (" + identity.authid() + ")"; }
}
