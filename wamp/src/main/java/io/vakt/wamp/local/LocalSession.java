package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.RealmGateway;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampScheduler;
import io.vakt.wamp.router.WampUris;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A WAMP client inside the server process (the ssf service, the state service, …): it joins a realm without
 * a transport or serializer, and its requests take the same path as a remote session's: URI and permission
 * checks, then the dealer or broker. Obtain one from {@code WampRouter.joinLocal}.
 *
 * <p><b>Threading.</b> Every method may be called from any thread; the work hops onto the router thread.
 * Procedures run on the handler executor given at join, several at once when it is a pool. Answers
 * (futures), progressive results and events are delivered on that executor too, one at a time and in the
 * order the router produced them, so a blocking subscriber delays this session's later deliveries but never
 * the router. Futures fail with {@link WampException} when the router answers ERROR, and with a
 * {@code WampException} carrying the close reason when the session ends before the answer.
 *
 * <p>An in-process session has no outbox: nothing is dropped, its executor's queue is the buffer.
 */
public final class LocalSession {
    private final WampScheduler scheduler;
    private final LocalPeer peer;

    /**
     * Joins {@code gateway}'s realm as {@code identity}. Requests made at once are queued behind the join.
     *
     * @param handlers where procedures, answers and events run; never the router thread
     */
    public LocalSession(RealmGateway gateway, Identity identity, Executor handlers) {
        this.scheduler = gateway.scheduler();
        // A global-scope id (WAMP spec "IDs"), drawn here so sessionId() is known before the join runs on the
        // router thread; the realm refuses the join in the unlikely case the id is taken.
        long id = ThreadLocalRandom.current().nextLong(1, IdGenerator.MAX_ID + 1);
        this.peer = new LocalPeer(gateway, id, Objects.requireNonNull(identity, "identity"), Objects.requireNonNull(handlers, "handlers"));
        scheduler.execute(peer::join);
    }

    public long sessionId() { return peer.sessionId(); }

    /**
     * Registers {@code procedure} (WAMP spec "REGISTER"; {@code options} may ask for {@code match},
     * {@code invoke}, {@code disclose_caller}).
     *
     * @return the registration id
     */
    public CompletableFuture<Long> register(String procedure, Map<String, Object> options, LocalProcedure procedureHandler) {
        Objects.requireNonNull(procedureHandler, "procedureHandler");
        CompletableFuture<Long> future = new CompletableFuture<>();
        Map<String, Object> copied = copy(options);
        scheduler.execute(() -> peer.request(new Pending.Register(future, procedureHandler),
                request -> new WampMessage.Register(request, copied, procedure)));
        return future;
    }

    public CompletableFuture<Void> unregister(long registrationId) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        scheduler.execute(() -> peer.request(new Pending.Unregister(future, registrationId),
                request -> new WampMessage.Unregister(request, registrationId)));
        return future;
    }

    /**
     * Calls {@code procedure}. Cancelling the returned future cancels the call (WAMP spec "Call Canceling").
     *
     * @param progress receives progressive results (then {@code receive_progress} is asked for); may be null
     * @return the final result; fails with {@link WampException} on ERROR
     */
    public CompletableFuture<CallResult> call(String procedure, Payload arguments, Map<String, Object> options,
                                              Consumer<Payload> progress) {
        CompletableFuture<CallResult> future = new CompletableFuture<>();
        Map<String, Object> copied = new LinkedHashMap<>(options == null ? Map.of() : options);
        if (progress != null) copied.put("receive_progress", true);
        Map<String, Object> callOptions = Collections.unmodifiableMap(copied);
        Payload payload = arguments == null ? Payload.EMPTY : arguments;
        scheduler.execute(() -> peer.request(new Pending.Call(future, progress),
                request -> new WampMessage.Call(request, callOptions, procedure, payload)));
        return future;
    }

    /**
     * Subscribes {@code handler} to {@code topic} (options may ask for {@code match}).
     *
     * @return the subscription id
     */
    public CompletableFuture<Long> subscribe(String topic, Map<String, Object> options, Consumer<LocalEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<Long> future = new CompletableFuture<>();
        Map<String, Object> copied = copy(options);
        String lowered = topic == null ? null : topic.toLowerCase(Locale.ROOT);
        scheduler.execute(() -> peer.request(new Pending.Subscribe(future, lowered, handler),
                request -> new WampMessage.Subscribe(request, copied, topic)));
        return future;
    }

    /**
     * Publishes to {@code topic}.
     *
     * @return the publication id when {@code options.acknowledge} is true (failing with {@link WampException}
     *         when refused); otherwise 0 at once, and a refusal is silent (WAMP spec "PUBLISH")
     */
    public CompletableFuture<Long> publish(String topic, Payload payload, Map<String, Object> options) {
        Map<String, Object> copied = copy(options);
        Payload body = payload == null ? Payload.EMPTY : payload;
        if (Boolean.TRUE.equals(copied.get("acknowledge"))) {
            CompletableFuture<Long> future = new CompletableFuture<>();
            scheduler.execute(() -> peer.request(new Pending.Publish(future),
                    request -> new WampMessage.Publish(request, copied, topic, body)));
            return future;
        }
        scheduler.execute(() -> peer.fire(new WampMessage.Publish(peer.nextRequestId(), copied, topic, body)));
        return CompletableFuture.completedFuture(0L);
    }

    /** Leaves the realm: registrations and subscriptions end, open requests fail. Idempotent. */
    public void leave() { scheduler.execute(() -> peer.end(WampUris.CLOSE_NORMAL)); }

    @Override
    public String toString() { return peer.toString(); }

    private static Map<String, Object> copy(Map<String, Object> options) {
        return options == null || options.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
