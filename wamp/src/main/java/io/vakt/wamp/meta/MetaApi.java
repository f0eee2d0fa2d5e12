package io.vakt.wamp.meta;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.dealer.Dealer;
import io.vakt.wamp.router.SessionDirectory;

/** The meta API of one realm (skeleton: the meta helper replaces the bodies). */
public final class MetaApi {
    public MetaApi(Dealer dealer, Broker broker, SessionDirectory sessions, Testaments testaments) {}

    public void install() { throw new UnsupportedOperationException(); }
}
