package io.vakt.wamp.broker;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.MetaPublisher;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampStats;

/** Routes events of one realm (skeleton: the broker helper replaces the bodies). */
public final class Broker implements MetaPublisher {
    public Broker(IdGenerator ids, WampConfig config, WampStats stats) {}

    public void subscribe(Peer subscriber, WampMessage.Subscribe subscribe) { throw new UnsupportedOperationException(); }

    public void unsubscribe(Peer subscriber, WampMessage.Unsubscribe unsubscribe) { throw new UnsupportedOperationException(); }

    public void publish(Peer publisher, WampMessage.Publish publish) { throw new UnsupportedOperationException(); }

    public void sessionLeft(Peer peer) { throw new UnsupportedOperationException(); }

    @Override
    public void publish(String topic, Payload payload) { throw new UnsupportedOperationException(); }
}
