package io.vakt.wamp.router;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.dealer.Dealer;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Goodbye;
import io.vakt.wamp.meta.MetaApi;
import io.vakt.wamp.meta.Testaments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configured realm (WAMP spec "Realms"): its joined sessions, dealer, broker, testaments and meta API.
 * Sessions of different realms never see each other. Router thread only, except {@link #name()} and
 * {@link #scheduler()}.
 */
final class Realm implements SessionDirectory, RealmGateway {
    private static final Logger log = LoggerFactory.getLogger(Realm.class);
    static final String ON_JOIN = "wamp.session.on_join";
    static final String ON_LEAVE = "wamp.session.on_leave";

    private static final EstablishedDispatch.SessionControl LOCAL_CONTROL = new EstablishedDispatch.SessionControl() {
        @Override
        public void goodbye(Goodbye goodbye) { throw new ProtocolViolation("an in-process session leaves with leave(), not GOODBYE"); }

        @Override
        public void abort(WampMessage.Abort abort) { throw new ProtocolViolation("an in-process session leaves with leave(), not ABORT"); }
    };

    private final String name;
    private final RouterCore core;
    private final Map<Long, Peer> sessions = new LinkedHashMap<>();
    private final Dealer dealer;
    private final Broker broker;
    private final Testaments testaments;
    private final EstablishedDispatch dispatch;

    Realm(String name, RouterCore core) {
        this.name = name;
        this.core = core;
        this.broker = new Broker(core.ids, core.config, core.stats);
        this.dealer = new Dealer(core.scheduler, core.ids, core.config, core.stats, broker);
        this.testaments = new Testaments(broker);
        this.dispatch = new EstablishedDispatch(dealer, broker, core.config.permissions());
        new MetaApi(dealer, broker, this, testaments).install();
    }

    String name() { return name; }

    @Override
    public String realm() { return name; }

    @Override
    public WampScheduler scheduler() { return core.scheduler; }

    EstablishedDispatch dispatcher() { return dispatch; }

    @Override
    public boolean join(Peer peer) {
        if (core.shuttingDown()) return false;
        // Remote sessions got their id from the router; an in-process one drew its own and must not collide.
        if (!(peer instanceof RouterSession) && !core.reserveSessionId(peer.sessionId())) return false;
        sessions.put(peer.sessionId(), peer);
        core.joined.incrementAndGet();
        core.stats.sessionsJoined.increment();
        core.stats.sessionsOpen.increment();
        // WAMP spec "Session Meta API": on_join carries the session's details, as wamp.session.get does.
        metaEvent(ON_JOIN, Payload.of(List.of(peer.describe())));
        return true;
    }

    @Override
    public void dispatch(Peer peer, WampMessage message) { dispatch.dispatch(peer, message, LOCAL_CONTROL); }

    @Override
    public void leave(Peer peer) {
        if (sessions.remove(peer.sessionId()) == null) return;
        core.releaseSessionId(peer.sessionId());
        core.joined.decrementAndGet();
        core.stats.sessionsOpen.decrement();
        // Each step on its own: a failure in one part must not leave the session half-registered in another.
        step(peer, "dealer", () -> dealer.sessionLeft(peer));
        step(peer, "broker", () -> broker.sessionLeft(peer));
        step(peer, "testaments", () -> testaments.sessionLeft(peer));
        Identity identity = peer.identity();
        metaEvent(ON_LEAVE, Payload.of(List.of(peer.sessionId(), identity.authid(), identity.authrole())));
    }

    @Override
    public Collection<? extends Peer> sessions() { return Collections.unmodifiableCollection(sessions.values()); }

    @Override
    public Peer find(long sessionId) { return sessions.get(sessionId); }

    @Override
    public void kill(Peer session, String reason, String message) {
        if (session instanceof RouterSession remote) remote.goodbye(reason, message, RouterSession.CLOSE_NORMAL);
        else session.send(new Goodbye(Map.of("message", message), reason));
    }

    private void metaEvent(String topic, Payload payload) {
        try {
            broker.publish(topic, payload);
        } catch (RuntimeException e) {
            log.warn("realm {}: meta event {} failed", name, topic, e);
        }
    }

    private void step(Peer peer, String part, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("realm {}: cleaning up after session {} in the {} failed", name, peer.sessionId(), part, e);
        }
    }
}
