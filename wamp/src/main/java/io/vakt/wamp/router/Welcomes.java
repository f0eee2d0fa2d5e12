package io.vakt.wamp.router;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The details a session is announced with: the WELCOME message (WAMP spec "WELCOME", "Feature Announcement")
 * and the authentication part of {@link Peer#describe()}.
 */
final class Welcomes {
    private Welcomes() {}

    /**
     * Advanced-profile features the broker announces. Keys of {@code roles.broker.features}; every one is
     * implemented by {@code Broker}, {@code MetaApi} or {@code Testaments}.
     */
    static final String[] BROKER_FEATURES = {
            "publisher_identification", "publisher_exclusion", "subscriber_blackwhite_listing",
            "pattern_based_subscription", "event_retention", "subscription_meta_api", "session_meta_api",
            "testament_meta_api"};

    /** Advanced-profile features the dealer announces (spec §7.4 needs progressive results and disclose_caller). */
    static final String[] DEALER_FEATURES = {
            "progressive_call_results", "call_timeout", "call_canceling", "caller_identification",
            "pattern_based_registration", "shared_registration", "registration_meta_api", "session_meta_api",
            "testament_meta_api"};

    /** {@code WELCOME.Details}: realm, who the session is, and the router's roles. */
    static Map<String, Object> welcomeDetails(String realm, Identity identity) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("realm", realm);
        putAuth(details, identity);
        details.put("roles", Map.of(
                "broker", Map.of("features", features(BROKER_FEATURES)),
                "dealer", Map.of("features", features(DEALER_FEATURES))));
        return details;
    }

    /** The first keys of {@link Peer#describe()}: session, authid, authrole, authmethod, authprovider, authextra. */
    static Map<String, Object> describe(long sessionId, Identity identity) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("session", sessionId);
        putAuth(details, identity);
        return details;
    }

    private static void putAuth(Map<String, Object> details, Identity identity) {
        details.put("authid", identity.authid());
        details.put("authrole", identity.authrole());
        details.put("authmethod", identity.authmethod());
        details.put("authprovider", identity.authprovider());
        // The client learns when to refresh its token before the router ends the session (spec §7.4 decision).
        if (identity.expiresAt() != null) details.put("authextra", Map.of("expires_at", identity.expiresAt().toString()));
    }

    private static Map<String, Object> features(String[] names) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String name : names) features.put(name, true);
        return features;
    }
}
