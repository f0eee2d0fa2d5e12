package io.vakt.server.ws;

import io.vakt.graphql.ws.SessionListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The open WebSocket sessions, so shutdown can tell every client it is going away (close 1001) and wait
 * briefly for those frames to leave.
 */
public final class SessionRegistry {
    private final Map<SessionListener, Executor> sessions = new ConcurrentHashMap<>();

    void add(SessionListener session, Executor loop) { sessions.put(session, loop); }

    void remove(SessionListener session) { sessions.remove(session); }

    public int size() { return sessions.size(); }

    /** Closes every session with 1001 on its own loop, then waits up to {@code grace} for them to go. */
    public void shutdownAll(Duration grace) {
        sessions.forEach((session, loop) -> loop.execute(session::shutdown));
        WebSockets.awaitEmpty(sessions.keySet(), grace);
    }
}
