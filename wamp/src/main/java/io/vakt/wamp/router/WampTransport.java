package io.vakt.wamp.router;

/**
 * What the router needs of a connection. The server adapts a WebSocket to it; tests use an in-memory one.
 * Every method may be called from the router's thread; implementations hop to their own I/O thread and keep
 * frames in the order they were sent.
 */
public interface WampTransport {
    /** Sends one message's bytes in one frame (binary or text, as the serializer says). */
    void send(byte[] bytes, boolean binary);

    /** True while the connection's write queue is over its high-water mark. */
    boolean writeQueueFull();

    /** Runs {@code action} (on any thread) once the write queue has drained; once, register again if needed. */
    void onDrain(Runnable action);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);

    /** The peer's address, for logs and the session meta API. */
    String remoteAddress();
}
