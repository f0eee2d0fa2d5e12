package io.vakt.wamp.router;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;

/**
 * How an in-process session ({@code io.vakt.wamp.local.LocalSession}) takes part in a realm without a
 * transport: it joins as a {@link Peer}, and the requests it makes go through the same URI and permission
 * checks and the same dealer and broker as those of remote sessions. {@link WampRouter#joinLocal} hands one
 * out; tests of local sessions may fake it.
 *
 * <p>Every method except {@link #realm()} and {@link #scheduler()} runs on the router thread.
 */
public interface RealmGateway {
    /** The realm's name. */
    String realm();

    /** The router's thread; callers hop onto it before calling the other methods. */
    WampScheduler scheduler();

    /**
     * Joins {@code peer} to the realm: counted, listed in the session meta API and announced with
     * {@code wamp.session.on_join}.
     *
     * @return false when the router is shutting down and takes no more sessions, or the peer's session id is
     *         already taken
     */
    boolean join(Peer peer);

    /**
     * Handles a message from the joined {@code peer} as if it had arrived over a transport: requests are
     * answered through {@link Peer#send}.
     *
     * @throws ProtocolViolation when the message is not one a client may send
     */
    void dispatch(Peer peer, WampMessage message);

    /** Removes {@code peer} from the realm (once; later calls do nothing). */
    void leave(Peer peer);
}
