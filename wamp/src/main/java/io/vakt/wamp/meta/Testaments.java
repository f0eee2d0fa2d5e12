package io.vakt.wamp.meta;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.router.Peer;

/** Testaments of one realm (skeleton: the meta helper replaces the bodies). */
public final class Testaments {
    public Testaments(Broker broker) {}

    public void sessionLeft(Peer peer) { throw new UnsupportedOperationException(); }
}
