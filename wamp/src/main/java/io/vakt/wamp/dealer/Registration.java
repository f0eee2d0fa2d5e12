package io.vakt.wamp.dealer;

import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.WildcardPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One registration: a procedure URI under one match policy, served by one callee or, as a shared registration
 * (WAMP spec "Shared Registration"), by several under one invocation policy. Router thread only.
 */
final class Registration {
    private final long id;
    private final String uri;
    private final MatchPolicy match;
    private final InvokePolicy invoke;
    private final Instant created;
    /** Null unless {@link #match} is wildcard. */
    private final WildcardPattern pattern;
    /** In the order the callees joined: {@code first} takes the head, {@code last} the tail. */
    private final List<Callee> callees = new ArrayList<>(1);
    /** Round robin: the index of the callee that gets the next invocation. */
    private int next;

    Registration(long id, String uri, MatchPolicy match, InvokePolicy invoke, Instant created) {
        this.id = id;
        this.uri = uri;
        this.match = match;
        this.invoke = invoke;
        this.created = created;
        this.pattern = match == MatchPolicy.WILDCARD ? WildcardPattern.of(uri) : null;
    }

    long id() { return id; }

    String uri() { return uri; }

    MatchPolicy match() { return match; }

    InvokePolicy invoke() { return invoke; }

    WildcardPattern pattern() { return pattern; }

    List<Callee> callees() { return callees; }

    boolean isEmpty() { return callees.isEmpty(); }

    void add(Callee callee) { callees.add(callee); }

    /** Removes the callee of {@code session}; keeps round robin on the callee that was due next. */
    void remove(PeerState session) {
        for (int i = 0; i < callees.size(); i++) {
            if (callees.get(i).session() == session) {
                callees.remove(i);
                if (i < next) next--;
                return;
            }
        }
    }

    /** The callee the next invocation goes to (WAMP spec "Shared Registration"); the registration has one. */
    Callee pick(RandomGenerator random) {
        int size = callees.size();
        return switch (invoke) {
            case SINGLE, FIRST -> callees.get(0);
            case LAST -> callees.get(size - 1);
            case RANDOM -> callees.get(size == 1 ? 0 : random.nextInt(size));
            case ROUNDROBIN -> {
                if (next >= size) next = 0;
                Callee callee = callees.get(next);
                next = next + 1 == size ? 0 : next + 1;
                yield callee;
            }
        };
    }

    /** What {@code wamp.registration.get} and {@code wamp.registration.on_create} carry (WAMP spec "Registration Meta API"). */
    Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", id);
        details.put("created", created.toString());
        details.put("uri", uri);
        details.put("match", match.wireName());
        details.put("invoke", invoke.wireName());
        return details;
    }
}
