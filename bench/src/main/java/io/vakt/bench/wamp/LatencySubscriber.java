package io.vakt.bench.wamp;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Subscribed;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A subscriber that records, for every EVENT, the time from the publisher's send (epoch microseconds in the
 * first argument) to its receipt here.
 */
final class LatencySubscriber {
    private final WampSession session;
    private final Measurements measurements;

    private LatencySubscriber(WampSession session, Measurements measurements) {
        this.session = session;
        this.measurements = measurements;
    }

    static Future<LatencySubscriber> subscribe(WampSession session, String topic, Measurements measurements) {
        return session.ask(request -> new Subscribe(request, Map.of(), topic)).compose(reply -> {
            if (!(reply instanceof Subscribed)) return Future.failedFuture(Replies.describe(reply));
            LatencySubscriber subscriber = new LatencySubscriber(session, measurements);
            session.onMessage(subscriber::receive);
            return Future.succeededFuture(subscriber);
        });
    }

    private void receive(WampMessage message) {
        if (message instanceof Event event) {
            long sent = ((Number) event.payload().argsOrEmpty().getFirst()).longValue();
            measurements.delivered(EpochMicros.now() - sent);
        } else {
            measurements.unexpectedMessage();
        }
    }

    WampSession session() { return session; }
}
