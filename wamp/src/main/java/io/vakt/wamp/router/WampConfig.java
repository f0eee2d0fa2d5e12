package io.vakt.wamp.router;

import java.time.Duration;
import java.util.List;

/**
 * The router's settings (documented in {@code docs/configuration.md}).
 *
 * @param realms                     the realms sessions may join; {@code realm1} by default (spec §7.1)
 * @param helloTimeout               a connection that has not sent HELLO (or AUTHENTICATE) by then is closed
 * @param maxMessageBytes            larger messages end the session (ABORT protocol_violation, close 1009)
 * @param maxPendingCallsPerSession  further CALLs get ERROR {@code vakt.error.limit_exceeded}
 * @param maxSubscriptionsPerSession subscriptions one session may hold (1000 by default); a SUBSCRIBE that would
 *                                   add another gets ERROR {@code vakt.error.limit_exceeded}, one for a
 *                                   subscription the session already holds is answered as usual
 * @param maxRegistrationsPerSession registrations one session may serve (1000 by default); a further REGISTER
 *                                   gets ERROR {@code vakt.error.limit_exceeded}
 * @param defaultCallTimeout         router-enforced timeout for calls that give none; {@link Duration#ZERO} = none
 * @param maxQueuedEvents            events held for a session whose socket is full; more are dropped and counted
 * @param maxQueuedMessages          messages that must not be lost held for such a session; one more closes it
 * @param goodbyeTimeout             how long the router waits for the GOODBYE reply before closing the transport
 * @param permissions                who may call, register, publish and subscribe what
 */
public record WampConfig(List<String> realms, Duration helloTimeout, int maxMessageBytes,
                         int maxPendingCallsPerSession, int maxSubscriptionsPerSession, int maxRegistrationsPerSession,
                         Duration defaultCallTimeout, int maxQueuedEvents, int maxQueuedMessages,
                         Duration goodbyeTimeout, PermissionTable permissions) {
    public WampConfig {
        realms = List.copyOf(realms);
    }

    public static WampConfig defaults(String account) {
        return new WampConfig(List.of("realm1"), Duration.ofSeconds(10), 1024 * 1024, 1000, 1000, 1000,
                Duration.ZERO, 1000, 10_000, Duration.ofSeconds(5), PermissionTable.defaults(account));
    }

    public WampConfig withPermissions(PermissionTable permissions) {
        return new WampConfig(realms, helloTimeout, maxMessageBytes, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, defaultCallTimeout, maxQueuedEvents,
                maxQueuedMessages, goodbyeTimeout, permissions);
    }
}
