package io.vakt.graphql.ws;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What a GraphQL WebSocket session needs of its connection. The server adapts a Vert.x WebSocket to it;
 * tests use an in-memory one. Every method is called on the connection's own thread ({@link #executor()}),
 * and every callback into the session arrives on it too, so sessions need no locks.
 */
public interface WsTransport {
    /** Sends one text frame. */
    void sendText(String text);

    /**
     * Sends one text frame made of three parts without copying them: a per-operation envelope around a
     * payload shared by every member of a subscription group.
     */
    void sendShared(byte[] prefix, byte[] payload, byte[] suffix);

    /** True while the socket's write queue is over its high-water mark: hold back live values. */
    boolean writeQueueFull();

    /** Runs {@code action} once the write queue has drained (once; register again if needed). */
    void onDrain(Runnable action);

    /** Closes with a WebSocket close code and reason (at most 123 bytes of UTF-8). */
    void close(int code, String reason);

    /** The connection's thread; tasks run in submission order. */
    Executor executor();

    /** Runs {@code task} on the connection's thread after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** The client's address, for logs and the audit log. */
    String remoteAddress();

    /** The {@code Authorization} header of the upgrade request, or null (a last-resort token source). */
    String upgradeAuthorization();

    /** A timer that can be stopped. */
    interface Cancellable {
        void cancel();
    }
}
