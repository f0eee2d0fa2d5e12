package io.vakt.wamp.dealer;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.MetaPublisher;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampScheduler;
import io.vakt.wamp.router.WampStats;

/** Routes calls of one realm (skeleton: the dealer helper replaces the bodies). */
public final class Dealer {
    public Dealer(WampScheduler scheduler, IdGenerator ids, WampConfig config, WampStats stats, MetaPublisher meta) {}

    public void register(Peer callee, WampMessage.Register register) { throw new UnsupportedOperationException(); }

    public void unregister(Peer callee, WampMessage.Unregister unregister) { throw new UnsupportedOperationException(); }

    public void call(Peer caller, WampMessage.Call call) { throw new UnsupportedOperationException(); }

    public void yield(Peer callee, WampMessage.Yield yield) { throw new UnsupportedOperationException(); }

    public void invocationError(Peer callee, WampMessage.Error error) { throw new UnsupportedOperationException(); }

    public void cancel(Peer caller, WampMessage.Cancel cancel) { throw new UnsupportedOperationException(); }

    public void sessionLeft(Peer peer) { throw new UnsupportedOperationException(); }

    public void addInternal(String uri, InternalProcedure procedure) { throw new UnsupportedOperationException(); }
}
