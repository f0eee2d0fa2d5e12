package io.vakt.wamp.testing;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.EncodedOnce;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.Peer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Peer} for dealer and broker tests: records what the router sends it, announces the features the
 * test gives it, and can be closed.
 */
public final class RecordingPeer implements Peer {
    private final long sessionId;
    private final Identity identity;
    private final Set<String> features;
    private final List<WampMessage> received = new ArrayList<>();
    private final List<EncodedOnce> events = new ArrayList<>();
    private boolean open = true;

    /**
     * @param features announced features as {@code role.feature}, e.g. {@code callee.call_canceling}
     */
    public RecordingPeer(long sessionId, String authid, String authrole, Set<String> features) {
        this.sessionId = sessionId;
        this.identity = new Identity(authid, authrole, "anonymous", "test",
                new Principal(authid, AccessLevel.Admin), "token-of-" + authid, null);
        this.features = Set.copyOf(features);
    }

    public RecordingPeer(long sessionId) { this(sessionId, "peer" + sessionId, Identity.USER_ROLE, Set.of()); }

    @Override public long sessionId() { return sessionId; }

    @Override public String realm() { return "realm1"; }

    @Override public Identity identity() { return identity; }

    @Override public boolean supportsFeature(String role, String feature) { return features.contains(role + "." + feature); }

    @Override public void send(WampMessage message) { received.add(message); }

    @Override public void sendEvent(EncodedOnce event) { events.add(event); received.add(event.message()); }

    @Override public boolean isOpen() { return open; }

    public void close() { open = false; }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("session", sessionId);
        details.put("authid", identity.authid());
        details.put("authrole", identity.authrole());
        details.put("authmethod", identity.authmethod());
        details.put("authprovider", identity.authprovider());
        return details;
    }

    /** Everything sent to this peer so far, events included, in order. */
    public List<WampMessage> received() { return received; }

    /** The EVENT carriers, to check that one encoding object is shared by all subscribers. */
    public List<EncodedOnce> events() { return events; }

    /** The messages of one type sent so far. */
    public <T extends WampMessage> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The last message sent, asserting its type. */
    public <T extends WampMessage> T last(Class<T> type) {
        if (received.isEmpty()) throw new AssertionError("nothing was sent to session " + sessionId);
        WampMessage last = received.get(received.size() - 1);
        if (!type.isInstance(last)) throw new AssertionError("expected " + type.getSimpleName() + " but got " + last);
        return type.cast(last);
    }

    public void clear() { received.clear(); events.clear(); }
}
