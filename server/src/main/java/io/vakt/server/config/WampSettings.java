package io.vakt.server.config;

import io.vakt.wamp.router.PermissionRule;
import io.vakt.wamp.router.PermissionTable;
import io.vakt.wamp.router.WampConfig;

import java.time.Duration;
import java.util.List;

/**
 * The {@code wamp.*} keys: the router at {@code /arrigo/api/wamp} (spec §7). The router's own
 * {@link WampConfig} also needs the project's account name, which only the loaded project knows, so the
 * server turns these settings into it with {@link #routerConfig(String)} once the project is loaded.
 *
 * @param realms                     realms sessions may join (spec §7.4 decision: {@code realm1})
 * @param helloTimeout               a connection that has not completed HELLO (and AUTHENTICATE) by then is closed
 * @param maxMessageSize             largest WAMP message accepted, in bytes; larger ends the session (close 1009)
 * @param maxPendingCallsPerSession  calls one session may have waiting for their results
 * @param maxSubscriptionsPerSession subscriptions one session may hold
 * @param maxRegistrationsPerSession registrations one session may serve
 * @param callTimeout                router-enforced timeout of calls that give none; zero = none
 * @param maxQueuedEvents            events held for a session whose socket is full before further ones are dropped
 * @param maxQueuedMessages          other messages held for such a session; one more closes it
 * @param permissions                the permission rules, in order; {@code {account}} and {@code {authid}} are filled in
 */
public record WampSettings(List<String> realms, Duration helloTimeout, int maxMessageSize, int maxPendingCallsPerSession,
                           int maxSubscriptionsPerSession, int maxRegistrationsPerSession, Duration callTimeout,
                           int maxQueuedEvents, int maxQueuedMessages, List<PermissionRule> permissions) {
    public WampSettings {
        realms = List.copyOf(realms);
        permissions = List.copyOf(permissions);
    }

    /** The defaults of {@link WampConfig#defaults}, whose rules do not depend on the account. */
    public static WampSettings defaults() {
        WampConfig router = WampConfig.defaults("account");
        return new WampSettings(router.realms(), router.helloTimeout(), router.maxMessageBytes(),
                router.maxPendingCallsPerSession(), router.maxSubscriptionsPerSession(),
                router.maxRegistrationsPerSession(), router.defaultCallTimeout(), router.maxQueuedEvents(),
                router.maxQueuedMessages(), router.permissions().rules());
    }

    /** The router configuration for a project whose account is {@code account} (compared lower-cased). */
    public WampConfig routerConfig(String account) {
        WampConfig defaults = WampConfig.defaults(account);
        return new WampConfig(realms, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                maxQueuedMessages, defaults.goodbyeTimeout(), new PermissionTable(account, permissions));
    }

    public WampSettings withRealms(List<String> value) {
        return new WampSettings(value, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                maxQueuedMessages, permissions);
    }

    public WampSettings withHelloTimeout(Duration value) {
        return new WampSettings(realms, value, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                maxQueuedMessages, permissions);
    }

    public WampSettings withMaxMessageSize(int value) {
        return new WampSettings(realms, helloTimeout, value, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                maxQueuedMessages, permissions);
    }

    public WampSettings withMaxPendingCallsPerSession(int value) {
        return new WampSettings(realms, helloTimeout, maxMessageSize, value,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                maxQueuedMessages, permissions);
    }

    public WampSettings withMaxSubscriptionsPerSession(int value) {
        return new WampSettings(realms, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                value, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                maxQueuedMessages, permissions);
    }

    public WampSettings withMaxRegistrationsPerSession(int value) {
        return new WampSettings(realms, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, value, callTimeout, maxQueuedEvents,
                maxQueuedMessages, permissions);
    }

    public WampSettings withCallTimeout(Duration value) {
        return new WampSettings(realms, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, value, maxQueuedEvents,
                maxQueuedMessages, permissions);
    }

    public WampSettings withMaxQueuedEvents(int value) {
        return new WampSettings(realms, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, value,
                maxQueuedMessages, permissions);
    }

    public WampSettings withMaxQueuedMessages(int value) {
        return new WampSettings(realms, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                value, permissions);
    }

    public WampSettings withPermissions(List<PermissionRule> value) {
        return new WampSettings(realms, helloTimeout, maxMessageSize, maxPendingCallsPerSession,
                maxSubscriptionsPerSession, maxRegistrationsPerSession, callTimeout, maxQueuedEvents,
                maxQueuedMessages, value);
    }
}
