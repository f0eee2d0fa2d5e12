package io.vakt.graphql.sse;

/**
 * The open event stream (an HTTP response) as an SSE session sees it. The server adapts a Vert.x response to it;
 * tests use an in-memory one. Called on the session's thread.
 */
public interface SseOutput {
    /** Writes the three parts of one event back to back, without copying them. */
    void write(byte[] head, byte[] body, byte[] tail);

    /** True while the response's write queue is over its high-water mark: hold back live values. */
    boolean writeQueueFull();

    /** Runs {@code action} once, on the session's thread, when the write queue has drained. */
    void onDrain(Runnable action);

    /** Ends the response: the stream is over. */
    void end();
}
