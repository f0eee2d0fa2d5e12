package io.vakt.wamp.router;

import java.util.Collection;

/** The sessions joined to one realm, for the session meta API. Router thread only. */
public interface SessionDirectory {
    Collection<? extends Peer> sessions();

    /** The session with this id in the realm, or null. */
    Peer find(long sessionId);

    /** Ends a session with GOODBYE {@code reason} (e.g. {@code wamp.close.killed}) and {@code message}. */
    void kill(Peer session, String reason, String message);
}
