package io.vakt.wamp.testing;

import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampRouter;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.serializer.Serializer;
import io.vakt.wamp.serializer.Serializers;

import java.time.Duration;

/**
 * A router on a {@link ManualScheduler} with the {@link FakeAuthenticator} and the default permission table
 * of account {@code acme}, plus shorthands for connected clients.
 */
public final class RouterFixture {
    public final ManualScheduler scheduler = new ManualScheduler();
    public final WampStats stats = new WampStats();
    public final FakeAuthenticator authenticator = new FakeAuthenticator();
    public final WampConfig config;
    public final WampRouter router;

    public RouterFixture() { this(WampConfig.defaults("acme")); }

    public RouterFixture(WampConfig config) {
        this.config = config;
        this.router = new WampRouter(config, authenticator, scheduler, stats);
    }

    /** The default configuration with other outbox limits. */
    public static WampConfig withQueues(int maxQueuedEvents, int maxQueuedMessages) {
        WampConfig d = WampConfig.defaults("acme");
        return new WampConfig(d.realms(), d.helloTimeout(), d.maxMessageBytes(), d.maxPendingCallsPerSession(),
                d.maxSubscriptionsPerSession(), d.maxRegistrationsPerSession(), d.defaultCallTimeout(),
                maxQueuedEvents, maxQueuedMessages, d.goodbyeTimeout(), d.permissions());
    }

    /** The default configuration with another message size limit. */
    public static WampConfig withMaxMessageBytes(int maxMessageBytes) {
        WampConfig d = WampConfig.defaults("acme");
        return new WampConfig(d.realms(), d.helloTimeout(), maxMessageBytes, d.maxPendingCallsPerSession(),
                d.maxSubscriptionsPerSession(), d.maxRegistrationsPerSession(), d.defaultCallTimeout(),
                d.maxQueuedEvents(), d.maxQueuedMessages(), d.goodbyeTimeout(), d.permissions());
    }

    /** A connected client speaking JSON that has not said HELLO yet. */
    public WampTestClient connect() { return connect(Serializers.JSON); }

    public WampTestClient connect(Serializer serializer) { return new WampTestClient(router, serializer); }

    /** A client joined with {@code token} over JSON, its WELCOME already consumed. */
    public WampTestClient joined(String token) { return joined(token, Serializers.JSON); }

    public WampTestClient joined(String token, Serializer serializer) {
        WampTestClient client = connect(serializer);
        client.join(token);
        return client;
    }

    public void advance(Duration by) { scheduler.advance(by); }
}
