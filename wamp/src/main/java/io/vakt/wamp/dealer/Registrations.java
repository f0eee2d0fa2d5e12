package io.vakt.wamp.dealer;

import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.WildcardPattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registrations of one realm, indexed by id and by (match policy, URI), and the lookup of the one
 * registration a call goes to (WAMP spec "Pattern-based Registrations", "Calls matching multiple
 * registrations"). Router thread only.
 */
final class Registrations {
    private final Map<Long, Registration> byId = new HashMap<>();
    private final Map<String, Registration> exact = new HashMap<>();
    private final Map<String, Registration> prefix = new HashMap<>();
    private final Map<String, Registration> wildcard = new HashMap<>();
    /**
     * The distinct lengths of the registered prefixes (length → how many), so a call is checked against each
     * length once, longest first, with one hash lookup each instead of a scan of every prefix.
     */
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>();
    /** Wildcard registrations by component count: only patterns as long as the called URI can match it. */
    private final Map<Integer, List<Registration>> wildcardsBySize = new HashMap<>();

    Registration byId(long id) { return byId.get(id); }

    Registration lookup(MatchPolicy match, String uri) { return table(match).get(uri); }

    int size() { return byId.size(); }

    void add(Registration registration) {
        byId.put(registration.id(), registration);
        table(registration.match()).put(registration.uri(), registration);
        switch (registration.match()) {
            case EXACT -> { }
            case PREFIX -> prefixLengths.merge(registration.uri().length(), 1, Integer::sum);
            case WILDCARD -> wildcardsBySize
                    .computeIfAbsent(registration.pattern().size(), size -> new ArrayList<>())
                    .add(registration);
        }
    }

    void remove(Registration registration) {
        if (byId.remove(registration.id()) == null) return;
        table(registration.match()).remove(registration.uri());
        switch (registration.match()) {
            case EXACT -> { }
            case PREFIX -> prefixLengths.computeIfPresent(registration.uri().length(),
                    (length, count) -> count == 1 ? null : count - 1);
            case WILDCARD -> {
                int size = registration.pattern().size();
                List<Registration> sameSize = wildcardsBySize.get(size);
                sameSize.remove(registration);
                if (sameSize.isEmpty()) wildcardsBySize.remove(size);
            }
        }
    }

    /**
     * The registration a call of {@code uri} goes to, or null: an exact match, else the longest matching prefix,
     * else the wildcard pattern with the longest literal runs before its wildcards (spec "Calls matching multiple
     * registrations", steps 1–3).
     */
    Registration match(String uri) {
        Registration found = exact.get(uri);
        if (found != null) return found;
        if (!prefixLengths.isEmpty()) {
            found = longestPrefix(uri);
            if (found != null) return found;
        }
        if (!wildcardsBySize.isEmpty()) return bestWildcard(uri);
        return null;
    }

    private Registration longestPrefix(String uri) {
        for (Integer length : prefixLengths.headMap(uri.length(), true).descendingKeySet()) {
            Registration found = prefix.get(length == uri.length() ? uri : uri.substring(0, length));
            if (found != null) return found;
        }
        return null;
    }

    private Registration bestWildcard(String uri) {
        List<Registration> candidates = wildcardsBySize.get(WildcardPattern.componentCount(uri));
        if (candidates == null) return null;
        String[] called = WildcardPattern.split(uri);
        Registration best = null;
        for (Registration candidate : candidates) {
            if (!candidate.pattern().matches(called)) continue;
            if (best == null || candidate.pattern().beats(best.pattern())) best = candidate;
        }
        return best;
    }

    /** Registration ids by match policy, for {@code wamp.registration.list}. */
    Map<String, Object> list() {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put(MatchPolicy.EXACT.wireName(), ids(exact));
        ids.put(MatchPolicy.PREFIX.wireName(), ids(prefix));
        ids.put(MatchPolicy.WILDCARD.wireName(), ids(wildcard));
        return ids;
    }

    private static List<Object> ids(Map<String, Registration> table) {
        List<Object> ids = new ArrayList<>(table.size());
        for (Registration registration : table.values()) ids.add(registration.id());
        return ids;
    }

    private Map<String, Registration> table(MatchPolicy match) {
        return switch (match) {
            case EXACT -> exact;
            case PREFIX -> prefix;
            case WILDCARD -> wildcard;
        };
    }
}
