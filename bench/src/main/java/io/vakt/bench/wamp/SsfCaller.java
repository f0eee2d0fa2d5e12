package io.vakt.bench.wamp;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Result;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A caller of {@code ssf.execute [path, "add"] {a, b}} that keeps {@code inflight} calls outstanding, a closed
 * loop like {@link ClosedLoopCaller}. The function answers {@code a + b}, not an echo of the arguments, so the
 * send time is kept here by request id (confined to the session's event loop, at most {@code inflight}
 * entries), and every answer is checked: a RESULT with the wrong sum counts as a wrong result, not as a call.
 */
final class SsfCaller {
    /** {@code a} cycles through small numbers, so every sum is an exact integer however the serializer carries it. */
    private static final int A_RANGE = 1_000;
    private static final int B = 1;

    private final WampSession session;
    private final String procedure;
    private final List<Object> arguments;
    private final Measurements measurements;
    private final SsfOutcomes outcomes;
    private final Map<Long, Long> sentNanos = new HashMap<>();
    private volatile boolean running;

    SsfCaller(WampSession session, String procedure, String path, String function, Measurements measurements,
              SsfOutcomes outcomes) {
        this.session = session;
        this.procedure = procedure;
        this.arguments = List.of(path, function);
        this.measurements = measurements;
        this.outcomes = outcomes;
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

    WampSession session() { return session; }

    private void call() {
        long request = session.nextRequest();
        Map<String, Object> kwargs = Map.of("a", request % A_RANGE, "b", B);
        sentNanos.put(request, System.nanoTime());
        session.send(new Call(request, Map.of(), procedure, Payload.of(arguments, kwargs)));
        measurements.callIssued();
    }

    private void receive(WampMessage message) {
        switch (message) {
            case Result result -> answered(result);
            case WampMessage.Error error -> {
                sentNanos.remove(error.request());
                outcomes.error(error.error());
                measurements.callFailed();
            }
            default -> {
                measurements.unexpectedMessage();
                return;
            }
        }
        if (running) call();
    }

    private void answered(Result result) {
        Long sent = sentNanos.remove(result.request());
        long elapsed = sent == null ? 0 : System.nanoTime() - sent;
        List<Object> args = result.payload().argsOrEmpty();
        long expected = result.request() % A_RANGE + B;
        if (sent != null && !args.isEmpty() && args.getFirst() instanceof Number sum && sum.doubleValue() == expected) {
            measurements.callAnswered(elapsed);
        } else {
            // counted as failed so the outstanding count still closes; the outcome says why
            outcomes.wrongResult();
            measurements.callFailed();
        }
    }
}
