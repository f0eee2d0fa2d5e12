package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;

/**
 * Where a {@link LocalProcedure} sends progressive results (WAMP spec "Progressive Call Results"). Each
 * {@link #send} becomes a progressive YIELD when the caller asked for progress ({@code receive_progress});
 * otherwise it is ignored. Any thread; progress after the final result is ignored.
 */
@FunctionalInterface
public interface ProgressSink {
    void send(Payload progress);
}
