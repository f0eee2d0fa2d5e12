package io.vakt.bench.wamp;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage.Publish;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Map;

/**
 * A publisher at a fixed rate: a 1 ms timer sends every publication that is due by the schedule since the
 * start, so a late tick (GC, a busy loop) catches up instead of lowering the rate, at most {@link #MAX_BURST}
 * at once. Publications are not acknowledged (no PUBLISHED), as a service announcing values would send them.
 */
final class RatePublisher {
    private static final int MAX_BURST = 1_000;

    private final WampSession session;
    private final String topic;
    private final String padding;
    private final double perSecond;
    private final Measurements measurements;
    private volatile boolean running;
    private long startNanos;
    private long sent;

    RatePublisher(WampSession session, String topic, String padding, double perSecond, Measurements measurements) {
        this.session = session;
        this.topic = topic;
        this.padding = padding;
        this.perSecond = perSecond;
        this.measurements = measurements;
        session.onMessage(message -> measurements.unexpectedMessage());
    }

    void start(Vertx vertx) {
        running = true;
        session.context().runOnContext(ignored -> {
            startNanos = System.nanoTime();
            vertx.setPeriodic(1, timer -> {
                if (!running) {
                    vertx.cancelTimer(timer);
                    return;
                }
                tick();
            });
        });
    }

    void stop() { running = false; }

    WampSession session() { return session; }

    private void tick() {
        long due = (long) ((System.nanoTime() - startNanos) / 1e9 * perSecond);
        for (int burst = 0; sent < due && burst < MAX_BURST; burst++, sent++) {
            Payload payload = Payload.of(List.of(EpochMicros.now(), padding));
            session.send(new Publish(session.nextRequest(), Map.of(), topic, payload));
            measurements.publishedOne();
        }
        // a backlog beyond one burst is dropped from the schedule: the rate is an offer, not a debt
        if (due - sent > MAX_BURST) sent = due;
    }
}
