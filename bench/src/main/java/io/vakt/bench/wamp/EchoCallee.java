package io.vakt.bench.wamp;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Invocation;
import io.vakt.wamp.message.WampMessage.Register;
import io.vakt.wamp.message.WampMessage.Registered;
import io.vakt.wamp.message.WampMessage.Yield;
import io.vertx.core.Future;

import java.util.Map;

/**
 * A callee that answers every INVOCATION with a YIELD of the same payload. The caller put its send time in
 * that payload, so the echo brings it back without any state here. Every callee registers the same procedure
 * as one shared registration with {@code invoke: roundrobin}, so the dealer spreads calls over all of them.
 */
final class EchoCallee {
    private final WampSession session;
    private final Measurements measurements;

    private EchoCallee(WampSession session, Measurements measurements) {
        this.session = session;
        this.measurements = measurements;
    }

    static Future<EchoCallee> register(WampSession session, String procedure, Measurements measurements) {
        return session.ask(request -> new Register(request, Map.of("invoke", "roundrobin"), procedure)).compose(reply -> {
            if (!(reply instanceof Registered)) return Future.failedFuture(Replies.describe(reply));
            EchoCallee callee = new EchoCallee(session, measurements);
            session.onMessage(callee::receive);
            return Future.succeededFuture(callee);
        });
    }

    private void receive(WampMessage message) {
        if (message instanceof Invocation invocation) {
            measurements.invoked();
            session.send(new Yield(invocation.request(), Map.of(), invocation.payload()));
        } else {
            measurements.unexpectedMessage();
        }
    }

    WampSession session() { return session; }
}
