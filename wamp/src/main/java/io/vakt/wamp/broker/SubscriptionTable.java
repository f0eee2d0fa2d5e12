package io.vakt.wamp.broker;

import io.vakt.wamp.router.Peer;
import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.WildcardPattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The subscriptions of one realm, indexed for the three match policies (WAMP spec "Pattern-based
 * Subscription"), by id, and by subscribing session so that a leaving session costs only its own
 * subscriptions. Router thread only.
 */
final class SubscriptionTable {
    private final Map<String, Subscription> exact = new LinkedHashMap<>();
    private final Map<String, Subscription> prefix = new LinkedHashMap<>();
    private final Map<String, Subscription> wildcard = new LinkedHashMap<>();
    /** Wildcard patterns by number of components: a topic can only match patterns of its own length. */
    private final Map<Integer, List<Subscription>> wildcardByLength = new HashMap<>();
    private final Map<Long, Subscription> byId = new HashMap<>();
    private final Map<Long, Set<Subscription>> bySession = new HashMap<>();

    /** The outcome of a subscribe: the subscription, whether it was made now, whether the session is new to it. */
    record Joined(Subscription subscription, boolean created, boolean added) {}

    Joined join(Peer peer, String uri, MatchPolicy match, LongSupplier ids, Instant now) {
        Map<String, Subscription> index = index(match);
        Subscription subscription = index.get(uri);
        boolean created = subscription == null;
        if (created) {
            subscription = new Subscription(ids.getAsLong(), uri, match, now);
            index.put(uri, subscription);
            byId.put(subscription.id, subscription);
            if (match == MatchPolicy.WILDCARD) {
                wildcardByLength.computeIfAbsent(subscription.length(), n -> new ArrayList<>()).add(subscription);
            }
        }
        boolean added = subscription.add(peer);
        if (added) bySession.computeIfAbsent(peer.sessionId(), id -> new LinkedHashSet<>()).add(subscription);
        return new Joined(subscription, created, added);
    }

    /**
     * Removes a session from a subscription and drops the subscription once nobody is left.
     *
     * @return whether the subscription was deleted
     */
    boolean leave(long sessionId, Subscription subscription) {
        subscription.remove(sessionId);
        Set<Subscription> own = bySession.get(sessionId);
        if (own != null) {
            own.remove(subscription);
            if (own.isEmpty()) bySession.remove(sessionId);
        }
        if (!subscription.isEmpty()) return false;
        index(subscription.match).remove(subscription.uri);
        byId.remove(subscription.id);
        if (subscription.match == MatchPolicy.WILDCARD) {
            List<Subscription> sameLength = wildcardByLength.get(subscription.length());
            sameLength.remove(subscription);
            if (sameLength.isEmpty()) wildcardByLength.remove(subscription.length());
        }
        return true;
    }

    /** The subscriptions of one session, in the order it made them (a copy: the caller may leave them). */
    List<Subscription> ofSession(long sessionId) {
        Set<Subscription> own = bySession.get(sessionId);
        return own == null ? List.of() : new ArrayList<>(own);
    }

    /** How many subscriptions a session holds: one lookup, for the per-session limit. */
    int countOf(long sessionId) {
        Set<Subscription> own = bySession.get(sessionId);
        return own == null ? 0 : own.size();
    }

    /** Whether the session already holds the subscription on ({@code uri}, {@code match}). */
    boolean holds(long sessionId, String uri, MatchPolicy match) {
        Subscription subscription = index(match).get(uri);
        return subscription != null && subscription.has(sessionId);
    }

    Subscription byId(long id) { return byId.get(id); }

    Subscription find(String uri, MatchPolicy match) { return index(match).get(uri); }

    /** Every subscription a publication to {@code topic} reaches: the exact one, then prefixes, then wildcards. */
    List<Subscription> matching(String topic) {
        List<Subscription> found = new ArrayList<>(2);
        Subscription same = exact.get(topic);
        if (same != null) found.add(same);
        if (!prefix.isEmpty()) addPrefixes(topic, found);
        if (!wildcardByLength.isEmpty()) {
            String[] parts = WildcardPattern.split(topic);
            List<Subscription> candidates = wildcardByLength.get(parts.length);
            if (candidates != null) {
                for (Subscription candidate : candidates) if (candidate.matchesParts(parts)) found.add(candidate);
            }
        }
        return found;
    }

    /** Ids per match policy, in creation order, as {@code wamp.subscription.list} answers. */
    Map<String, List<Long>> list() {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        ids.put(MatchPolicy.EXACT.wireName(), idsOf(exact));
        ids.put(MatchPolicy.PREFIX.wireName(), idsOf(prefix));
        ids.put(MatchPolicy.WILDCARD.wireName(), idsOf(wildcard));
        return ids;
    }

    private void addPrefixes(String topic, List<Subscription> found) {
        // Probe the topic's own prefixes when that is cheaper than walking every prefix subscription.
        if (prefix.size() > topic.length()) {
            for (int end = 1; end <= topic.length(); end++) {
                Subscription candidate = prefix.get(topic.substring(0, end));
                if (candidate != null) found.add(candidate);
            }
        } else {
            for (Subscription candidate : prefix.values()) if (topic.startsWith(candidate.uri)) found.add(candidate);
        }
    }

    private Map<String, Subscription> index(MatchPolicy match) {
        return switch (match) {
            case EXACT -> exact;
            case PREFIX -> prefix;
            case WILDCARD -> wildcard;
        };
    }

    private static List<Long> idsOf(Map<String, Subscription> index) {
        List<Long> ids = new ArrayList<>(index.size());
        for (Subscription subscription : index.values()) ids.add(subscription.id);
        return ids;
    }
}
