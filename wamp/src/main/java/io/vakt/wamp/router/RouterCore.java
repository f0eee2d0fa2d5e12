package io.vakt.wamp.router;

import io.vakt.wamp.message.WampMessage.Goodbye;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every part of one router shares: its settings, thread, counters and id source, the realms, and the
 * remote connections that are open. Mutable state is touched on the router thread only, except
 * {@link #joined}, which {@link WampRouter#sessionCount()} reads from any thread.
 */
final class RouterCore {
    static final String SHUTDOWN_MESSAGE = "the server is shutting down";

    final WampConfig config;
    final WampAuthenticator authenticator;
    final WampScheduler scheduler;
    final WampStats stats;
    final IdGenerator ids = new IdGenerator();
    final AtomicInteger joined = new AtomicInteger();
    private final Map<String, Realm> realms;
    private final Set<RouterSession> connections = new LinkedHashSet<>();
    private final Set<Long> sessionIds = new HashSet<>();
    private boolean shuttingDown;

    RouterCore(WampConfig config, WampAuthenticator authenticator, WampScheduler scheduler, WampStats stats) {
        this.config = config;
        this.authenticator = authenticator;
        this.scheduler = scheduler;
        this.stats = stats;
        Map<String, Realm> byName = new LinkedHashMap<>();
        for (String name : config.realms()) byName.put(name, new Realm(name, this));
        this.realms = Collections.unmodifiableMap(byName);
    }

    /** The realm called {@code name}, or null. Any thread: the map never changes after construction. */
    Realm realm(String name) { return name == null ? null : realms.get(name); }

    boolean shuttingDown() { return shuttingDown; }

    /** A global-scope session id no open session has (WAMP spec "IDs"), reserved until released. */
    long newSessionId() {
        long id;
        do id = ids.global(); while (!sessionIds.add(id));
        return id;
    }

    /** Reserves an id an in-process session drew itself; false when an open session has it. */
    boolean reserveSessionId(long id) { return sessionIds.add(id); }

    void releaseSessionId(long id) { sessionIds.remove(id); }

    void connectionOpened(RouterSession session) { connections.add(session); }

    /** A session that joined keeps its id reserved until it has left its realm ({@link Realm#leave}). */
    void connectionClosed(RouterSession session) {
        if (connections.remove(session) && !session.joinedOnce()) sessionIds.remove(session.sessionId());
    }

    /** Every session leaves: remote ones with GOODBYE and a 1001 close, in-process ones at once. */
    void shutdown() {
        if (shuttingDown) return;
        shuttingDown = true;
        for (RouterSession session : List.copyOf(connections)) session.shutdown();
        for (Realm realm : realms.values()) {
            List<Peer> local = new ArrayList<>();
            for (Peer peer : realm.sessions()) if (!(peer instanceof RouterSession)) local.add(peer);
            for (Peer peer : local) peer.send(new Goodbye(Map.of("message", SHUTDOWN_MESSAGE), WampUris.CLOSE_SYSTEM_SHUTDOWN));
        }
    }
}
