package io.vakt.wamp.router;

/**
 * One transport connection as the router sees it ({@link WampRouter#open}). The transport calls these methods
 * on its I/O thread; the connection decodes there and hands everything else to the router thread, so a slow
 * or hostile peer costs the router nothing until its message is whole and well-formed.
 */
public interface WampConnection {
    /** One whole WebSocket message: decoded here, on the caller's thread, then handled on the router thread. */
    void onFrame(byte[] bytes);

    /**
     * A message over the limit, which the transport did not buffer: ABORT {@code wamp.error.protocol_violation}
     * ("message of N bytes exceeds the limit of M"), then close 1009.
     */
    void onTooLarge(long bytes);

    /** The transport closed: the session leaves its realm. */
    void onClosed();
}
