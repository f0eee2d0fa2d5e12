package io.vakt.graphql.ws;

/**
 * What the transport tells a session. All calls arrive on the connection's thread.
 */
public interface SessionListener {
    /** Starts the session: arms the {@code connection_init} deadline. */
    void start();

    /** A complete text message (already checked against the size limit). */
    void onText(String message);

    /** A binary message, which neither GraphQL WebSocket protocol uses. */
    void onBinary();

    /** A message over the size limit was refused before it was read in full. */
    void onTooLarge(long limit);

    /** The socket closed (either side); release everything. */
    void onClosed();

    /** The server is shutting down: tell the client and close with 1001 (going away). */
    void shutdown();
}
