package io.vakt.wamp.dealer;

import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.Peer;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the dealer keeps per session, so that everything a session is involved in is found without scanning
 * other sessions: its pending calls as a caller, its pending invocations as a callee and its registrations.
 * Router thread only.
 */
final class PeerState {
    final Peer peer;
    /** Pending calls this session made, by its CALL request id. */
    final Map<Long, PendingCall> calls = new HashMap<>();
    /** Pending invocations this session serves, by INVOCATION request id. */
    final Map<Long, PendingCall> invocations = new HashMap<>();
    /** INVOCATION request ids are session scope (WAMP spec "IDs"): a sequence per callee. */
    final IdGenerator.Sequence invocationIds = new IdGenerator.Sequence();
    /** The registrations this session is a callee of, in the order it joined them. */
    final Set<Registration> registrations = new LinkedHashSet<>();

    PeerState(Peer peer) { this.peer = peer; }

    long sessionId() { return peer.sessionId(); }

    boolean supports(String role, String feature) { return peer.supportsFeature(role, feature); }
}
