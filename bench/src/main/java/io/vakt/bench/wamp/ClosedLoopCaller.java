package io.vakt.bench.wamp;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Result;

import java.util.List;
import java.util.Map;

/**
 * A caller that keeps {@code inflight} calls outstanding: each RESULT or ERROR sends the next CALL (a closed
 * loop, so the offered load adapts to what the router sustains instead of piling up). The first argument is
 * {@link System#nanoTime()} at sending; the echo callee returns it, and this same process reads the clock
 * again on RESULT, so the round trip needs no bookkeeping per request.
 */
final class ClosedLoopCaller {
    private final WampSession session;
    private final String procedure;
    private final String padding;
    private final Measurements measurements;
    private volatile boolean running;

    ClosedLoopCaller(WampSession session, String procedure, String padding, Measurements measurements) {
        this.session = session;
        this.procedure = procedure;
        this.padding = padding;
        this.measurements = measurements;
        session.onMessage(this::receive);
    }

    void start(int inflight) {
        running = true;
        session.context().runOnContext(ignored -> {
            for (int i = 0; i < inflight; i++) call();
        });
    }

    /** No new calls after this; the ones in flight still come back and are counted. */
    void stop() { running = false; }

    /**
     * One more call after {@link #stop()}. A frame the server wrote but never flushed leaves with the next
     * frame on the same connection; if calls unanswered after the drain come back after this, they were stuck
     * in the server's write buffers, not lost.
     */
    void nudge() { session.context().runOnContext(ignored -> call()); }

    WampSession session() { return session; }

    private void call() {
        Payload payload = Payload.of(List.of(System.nanoTime(), padding));
        session.send(new Call(session.nextRequest(), Map.of(), procedure, payload));
        measurements.callIssued();
    }

    private void receive(WampMessage message) {
        switch (message) {
            case Result result -> measurements.callAnswered(System.nanoTime() - sentAt(result.payload()));
            case WampMessage.Error ignored -> measurements.callFailed();
            default -> {
                measurements.unexpectedMessage();
                return;
            }
        }
        if (running) call();
    }

    private static long sentAt(Payload payload) {
        return ((Number) payload.argsOrEmpty().getFirst()).longValue();
    }
}
