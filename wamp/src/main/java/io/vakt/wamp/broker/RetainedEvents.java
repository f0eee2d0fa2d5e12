package io.vakt.wamp.broker;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.uri.MatchPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The retained event of each topic (WAMP spec "Event Retention"): the latest publication made with
 * {@code retain=true}, handed to later subscribers that ask for it with {@code get_retained=true}. Router
 * thread only.
 */
final class RetainedEvents {
    /**
     * One retained publication, kept with its options so a late subscriber is filtered exactly as it would
     * have been at publication time.
     *
     * @param disclosure the publisher identification details, empty when the publisher did not disclose itself
     */
    record Retained(String topic, long publication, long publisherId, Map<String, Object> disclosure,
                    Payload payload, PublishOptions options) {}

    private final Map<String, Retained> byTopic = new HashMap<>();

    void keep(Retained retained) { byTopic.put(retained.topic(), retained); }

    /** The retained events a subscription reaches: at most one for an exact subscription. */
    List<Retained> matching(Subscription subscription) {
        if (byTopic.isEmpty()) return List.of();
        if (subscription.match == MatchPolicy.EXACT) {
            Retained one = byTopic.get(subscription.uri);
            return one == null ? List.of() : List.of(one);
        }
        List<Retained> found = new ArrayList<>();
        for (Retained retained : byTopic.values()) {
            String topic = retained.topic();
            String[] parts = subscription.match == MatchPolicy.WILDCARD ? topic.split("\\.", -1) : null;
            if (subscription.matches(topic, parts)) found.add(retained);
        }
        return found;
    }
}
