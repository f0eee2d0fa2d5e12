package io.vakt.wamp.broker;

import io.vakt.wamp.router.Peer;
import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.WildcardPattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscription of the broker: a (URI, match policy) pair with a router-scope id and its subscribers in
 * join order (WAMP spec "Subscribing and Unsubscribing"). Router thread only.
 */
final class Subscription {
    private static final Peer[] NONE = new Peer[0];

    final long id;
    final String uri;
    final MatchPolicy match;
    final Instant created;
    /** The wildcard pattern, for {@link MatchPolicy#WILDCARD} subscriptions only. */
    private final WildcardPattern pattern;
    private final LinkedHashMap<Long, Peer> subscribers = new LinkedHashMap<>();
    /**
     * The subscribers as an array, rebuilt after a change: publications iterate it, so a receiver that subscribes
     * or leaves while an event is being handed out cannot disturb the loop, and no copy is made per publication.
     */
    private Peer[] receivers = NONE;

    Subscription(long id, String uri, MatchPolicy match, Instant created) {
        this.id = id;
        this.uri = uri;
        this.match = match;
        this.created = created;
        this.pattern = match == MatchPolicy.WILDCARD ? WildcardPattern.of(uri) : null;
    }

    /** Adds a subscriber; false when it was subscribed already. */
    boolean add(Peer peer) {
        if (subscribers.putIfAbsent(peer.sessionId(), peer) != null) return false;
        receivers = null;
        return true;
    }

    /** Removes a subscriber; false when it was not subscribed. */
    boolean remove(long sessionId) {
        if (subscribers.remove(sessionId) == null) return false;
        receivers = null;
        return true;
    }

    boolean has(long sessionId) { return subscribers.containsKey(sessionId); }

    boolean isEmpty() { return subscribers.isEmpty(); }

    int size() { return subscribers.size(); }

    /** The subscribers in join order; callers must not modify the array. */
    Peer[] receivers() {
        Peer[] current = receivers;
        if (current == null) {
            current = subscribers.values().toArray(NONE);
            receivers = current;
        }
        return current;
    }

    List<Long> subscriberIds() { return new ArrayList<>(subscribers.keySet()); }

    /** Whether a publication to {@code topic} (split into {@code topicParts}) reaches this subscription. */
    boolean matches(String topic, String[] topicParts) {
        return switch (match) {
            case EXACT -> uri.equals(topic);
            case PREFIX -> topic.startsWith(uri);
            case WILDCARD -> matchesParts(topicParts);
        };
    }

    /** Number of components of a wildcard pattern. */
    int length() { return pattern.size(); }

    boolean matchesParts(String[] topicParts) { return pattern.matches(topicParts); }

    /** What {@code wamp.subscription.get} and {@code on_create} tell about this subscription. */
    Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", id);
        details.put("created", created.toString());
        details.put("uri", uri);
        details.put("match", match.wireName());
        return details;
    }
}
