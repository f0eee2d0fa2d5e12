package io.vakt.wamp.meta;

import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.SessionDirectory;
import io.vakt.wamp.testing.RecordingPeer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A session directory for meta API tests: joined peers in join order, and a record of the kills asked for. */
final class TestDirectory implements SessionDirectory {
    /** One kill request. */
    record Kill(long session, String reason, String message) {}

    private final Map<Long, RecordingPeer> peers = new LinkedHashMap<>();
    final List<Kill> kills = new ArrayList<>();

    RecordingPeer join(RecordingPeer peer) {
        peers.put(peer.sessionId(), peer);
        return peer;
    }

    @Override public Collection<? extends Peer> sessions() { return peers.values(); }

    @Override public Peer find(long sessionId) { return peers.get(sessionId); }

    /** Leaves at once, as the session layer does, so a caller iterating the live collection would break. */
    @Override
    public void kill(Peer session, String reason, String message) {
        kills.add(new Kill(session.sessionId(), reason, message));
        peers.remove(session.sessionId());
        ((RecordingPeer) session).close();
    }
}
