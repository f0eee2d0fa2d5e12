package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.MetaPublisher;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampScheduler;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.uri.MatchPolicy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Routes the calls of one realm (WAMP spec "Remote Procedure Calls", with the advanced features Shared and
 * Pattern-based Registration, Progressive Call Results, Caller Identification, Call Timeouts, Call Canceling,
 * Payload Passthru Mode, and the registration meta events).
 *
 * <p>Every method runs on the router's thread ({@link WampScheduler}); the session layer has already
 * validated URIs, permissions and option types. The dealer answers peers itself through {@link Peer#send} and
 * throws {@link ProtocolViolation} only for a protocol violation of the sender.
 */
public final class Dealer {
    private static final String ON_CREATE = "wamp.registration.on_create";
    private static final String ON_REGISTER = "wamp.registration.on_register";
    private static final String ON_UNREGISTER = "wamp.registration.on_unregister";
    private static final String ON_DELETE = "wamp.registration.on_delete";

    private final IdGenerator ids;
    private final MetaPublisher meta;
    private final Clock clock;
    private final Registrations registrations = new Registrations();
    private final Calls calls;
    private final Map<Long, PeerState> peers = new HashMap<>();
    /** {@link WampConfig#maxRegistrationsPerSession}, compared with the size of each session's own set. */
    private final int maxRegistrations;

    public Dealer(WampScheduler scheduler, IdGenerator ids, WampConfig config, WampStats stats, MetaPublisher meta) {
        this(scheduler, ids, config, stats, meta, Clock.systemUTC(), new SplittableRandom());
    }

    /** With the clock of {@code created} timestamps and the source of the {@code random} invocation policy. */
    Dealer(WampScheduler scheduler, IdGenerator ids, WampConfig config, WampStats stats, MetaPublisher meta,
           Clock clock, RandomGenerator random) {
        this.ids = ids;
        this.meta = meta;
        this.clock = clock;
        this.maxRegistrations = config.maxRegistrationsPerSession();
        this.calls = new Calls(registrations, scheduler, config, stats, random);
    }

    /**
     * REGISTER → REGISTERED or ERROR (spec "Registering and Unregistering", "Shared Registration"); a session
     * serving {@link WampConfig#maxRegistrationsPerSession} registrations already gets ERROR limit_exceeded.
     */
    public void register(Peer callee, WampMessage.Register register) {
        Map<String, Object> options = register.options();
        String uri = register.procedure();
        MatchPolicy match = MatchPolicy.parse(options.get("match"));
        if (match == null) {
            refuse(callee, register, WampUris.INVALID_ARGUMENT, "unknown match policy '" + options.get("match") + "'");
            return;
        }
        InvokePolicy invoke = InvokePolicy.parse(options.get("invoke"));
        if (invoke == null) {
            refuse(callee, register, WampUris.INVALID_ARGUMENT, "unknown invocation policy '" + options.get("invoke") + "'");
            return;
        }
        if (match == MatchPolicy.EXACT && calls.isInternal(uri)) {
            // The router answers these itself; a registration would never be called.
            refuse(callee, register, WampUris.PROCEDURE_ALREADY_EXISTS, "procedure '" + uri + "' is provided by the router");
            return;
        }
        PeerState session = peer(callee);
        Registration registration = registrations.lookup(match, uri);
        if (registration != null) {
            if (registration.invoke() != invoke) {
                refuse(callee, register, WampUris.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY,
                        "procedure '" + uri + "' is registered with invocation policy '" + registration.invoke().wireName() + "'");
                return;
            }
            if (invoke == InvokePolicy.SINGLE || session.registrations.contains(registration)) {
                refuse(callee, register, WampUris.PROCEDURE_ALREADY_EXISTS, "procedure '" + uri + "' is already registered");
                return;
            }
        }
        // Checked after the refusals above, so a REGISTER that could never succeed is told why, not the limit.
        if (session.registrations.size() >= maxRegistrations) {
            refuse(callee, register, WampUris.LIMIT_EXCEEDED, "at most " + maxRegistrations + " registrations per session");
            return;
        }
        Callee entry = new Callee(session, Boolean.TRUE.equals(options.get("disclose_caller")));
        if (registration != null) {
            registration.add(entry);
            session.registrations.add(registration);
            callee.send(new WampMessage.Registered(register.request(), registration.id()));
            publish(ON_REGISTER, callee.sessionId(), registration.id());
            return;
        }
        registration = new Registration(ids.routerScope(), uri, match, invoke,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        registration.add(entry);
        registrations.add(registration);
        session.registrations.add(registration);
        callee.send(new WampMessage.Registered(register.request(), registration.id()));
        meta.publish(ON_CREATE, Payload.of(List.of(callee.sessionId(), registration.describe())));
        publish(ON_REGISTER, callee.sessionId(), registration.id());
    }

    /** UNREGISTER → UNREGISTERED, or ERROR no_such_registration for a registration the session does not serve. */
    public void unregister(Peer callee, WampMessage.Unregister unregister) {
        PeerState session = peers.get(callee.sessionId());
        Registration registration = registrations.byId(unregister.registration());
        if (session == null || registration == null || !session.registrations.contains(registration)) {
            callee.send(new WampMessage.Error(WampMessage.Unregister.CODE, unregister.request(), Map.of(),
                    WampUris.NO_SUCH_REGISTRATION, Payload.of(List.of("no registration " + unregister.registration()
                    + " for this session"))));
            return;
        }
        // Invocations already sent stay pending: the callee may still answer them.
        session.registrations.remove(registration);
        callee.send(new WampMessage.Unregistered(unregister.request(), Map.of()));
        leave(session, registration);
    }

    /** CALL → INVOCATION to a callee, an internal procedure's answer, or ERROR. */
    public void call(Peer caller, WampMessage.Call call) { calls.call(peer(caller), call); }

    /** YIELD from a callee → RESULT (progressive or final) to its caller; ignored for an invocation that ended. */
    public void yield(Peer callee, WampMessage.Yield yield) { calls.yield(peers.get(callee.sessionId()), yield); }

    /** ERROR for an INVOCATION from a callee → ERROR for the CALL to its caller. */
    public void invocationError(Peer callee, WampMessage.Error error) {
        calls.invocationError(peers.get(callee.sessionId()), error);
    }

    /** CANCEL from a caller (spec "Call Canceling"). */
    public void cancel(Peer caller, WampMessage.Cancel cancel) { calls.cancel(peers.get(caller.sessionId()), cancel); }

    /**
     * The session left the realm: its calls are dropped (callees interrupted), its callers get ERROR canceled
     * and its registrations go, with their meta events. Costs what the session had pending and registered.
     */
    public void sessionLeft(Peer peer) {
        PeerState session = peers.remove(peer.sessionId());
        if (session == null) return;
        calls.callerLeft(session);
        calls.calleeLeft(session);
        List<Registration> joined = new ArrayList<>(session.registrations);
        session.registrations.clear();
        for (Registration registration : joined) leave(session, registration);
    }

    /** Adds a procedure the router answers itself; internal procedures take precedence over registrations. */
    public void addInternal(String uri, InternalProcedure procedure) { calls.addInternal(uri, procedure); }

    // ---- Registration meta API queries (spec "Registration Meta API"), for the wamp.registration.* procedures

    /** {@code {exact: [ids], prefix: [ids], wildcard: [ids]}}. */
    public Map<String, Object> list() { return registrations.list(); }

    /**
     * The id of the registration of {@code uri} under {@code match} ({@code exact} when null), or null.
     *
     * @throws WampException {@code wamp.error.invalid_argument} for an unknown match policy
     */
    public Long lookup(String uri, String match) {
        MatchPolicy policy = MatchPolicy.parse(match);
        if (policy == null) throw new WampException(WampUris.INVALID_ARGUMENT, "unknown match policy '" + match + "'");
        Registration registration = registrations.lookup(policy, uri);
        return registration == null ? null : registration.id();
    }

    /** The id of the registration a call of {@code uri} would go to, or null. */
    public Long match(String uri) {
        Registration registration = registrations.match(uri);
        return registration == null ? null : registration.id();
    }

    /** {@code {id, created, uri, match, invoke}} of a registration, or null. */
    public Map<String, Object> get(long registrationId) {
        Registration registration = registrations.byId(registrationId);
        return registration == null ? null : registration.describe();
    }

    /** The session ids of a registration's callees in the order they joined, or null. */
    public List<Long> callees(long registrationId) {
        Registration registration = registrations.byId(registrationId);
        if (registration == null) return null;
        List<Long> sessions = new ArrayList<>(registration.callees().size());
        for (Callee callee : registration.callees()) sessions.add(callee.session().sessionId());
        return sessions;
    }

    /** How many callees a registration has, or null. */
    public Integer calleeCount(long registrationId) {
        Registration registration = registrations.byId(registrationId);
        return registration == null ? null : registration.callees().size();
    }

    /** Calls routed to a callee and not answered yet, over the whole realm. */
    public int pendingCalls() { return calls.pending(); }

    // ----

    private PeerState peer(Peer peer) {
        PeerState session = peers.get(peer.sessionId());
        if (session == null) {
            session = new PeerState(peer);
            peers.put(peer.sessionId(), session);
        }
        return session;
    }

    /** Takes a callee off a registration (the session's own set is already updated) and deletes it when empty. */
    private void leave(PeerState session, Registration registration) {
        registration.remove(session);
        publish(ON_UNREGISTER, session.sessionId(), registration.id());
        if (registration.isEmpty()) {
            registrations.remove(registration);
            publish(ON_DELETE, session.sessionId(), registration.id());
        }
    }

    private void publish(String topic, long sessionId, long registrationId) {
        meta.publish(topic, Payload.of(List.of(sessionId, registrationId)));
    }

    private static void refuse(Peer callee, WampMessage.Register register, String uri, String text) {
        callee.send(new WampMessage.Error(WampMessage.Register.CODE, register.request(), Map.of(), uri,
                Payload.of(List.of(text))));
    }
}
