package io.vakt.wamp.meta;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.broker.PublishOptions;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The testaments of one realm (WAMP spec "Testament"): events a session leaves with the router, to be
 * published when it goes away. Vakt has no session resumption, so a leaving session is both detached and
 * destroyed: its {@code detached} testaments are published first, then its {@code destroyed} ones. Router
 * thread only.
 */
public final class Testaments {
    /** Testaments one session may hold, so a session cannot grow the router's memory without bound. */
    public static final int MAX_PER_SESSION = 100;

    /** When a testament fires. */
    public enum Scope {
        DETACHED, DESTROYED;

        public String wireName() { return name().toLowerCase(Locale.ROOT); }

        /** The scope named on the wire; absent means {@link #DESTROYED}; null when unknown. */
        static Scope parse(String text) {
            if (text == null) return DESTROYED;
            for (Scope scope : values()) if (scope.wireName().equals(text)) return scope;
            return null;
        }
    }

    /** One stored publication. */
    record Testament(String topic, Payload payload, PublishOptions options) {}

    private final Broker broker;
    private final Map<Long, EnumMap<Scope, List<Testament>>> bySession = new HashMap<>();

    public Testaments(Broker broker) { this.broker = broker; }

    /** Publishes and forgets the testaments of a session that left the realm. */
    public void sessionLeft(Peer peer) {
        EnumMap<Scope, List<Testament>> own = bySession.remove(peer.sessionId());
        if (own == null) return;
        for (Scope scope : List.of(Scope.DETACHED, Scope.DESTROYED)) {
            for (Testament testament : own.getOrDefault(scope, List.of())) {
                broker.publishFor(peer, testament.topic(), testament.payload(), testament.options());
            }
        }
    }

    /** The number of testaments a session holds in all scopes. */
    public int count(long sessionId) {
        EnumMap<Scope, List<Testament>> own = bySession.get(sessionId);
        if (own == null) return 0;
        int count = 0;
        for (List<Testament> testaments : own.values()) count += testaments.size();
        return count;
    }

    void add(Peer peer, Scope scope, Testament testament) {
        if (count(peer.sessionId()) >= MAX_PER_SESSION) {
            throw new WampException(WampUris.LIMIT_EXCEEDED,
                    "a session may leave at most " + MAX_PER_SESSION + " testaments");
        }
        bySession.computeIfAbsent(peer.sessionId(), id -> new EnumMap<>(Scope.class))
                .computeIfAbsent(scope, s -> new ArrayList<>()).add(testament);
    }

    /** Forgets a session's testaments of one scope; returns how many there were. */
    int flush(Peer peer, Scope scope) {
        EnumMap<Scope, List<Testament>> own = bySession.get(peer.sessionId());
        if (own == null) return 0;
        List<Testament> dropped = own.remove(scope);
        if (own.isEmpty()) bySession.remove(peer.sessionId());
        return dropped == null ? 0 : dropped.size();
    }
}
