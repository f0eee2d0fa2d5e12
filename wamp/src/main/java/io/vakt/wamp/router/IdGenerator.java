package io.vakt.wamp.router;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * WAMP ids (spec "IDs"): global-scope ids (sessions, publications) are drawn at random from [1, 2^53];
 * router-scope ids (registrations, subscriptions) count up from 1; session-scope ids (the router's request
 * ids towards one peer, e.g. INVOCATION) count up from 1 per peer with {@link Sequence}. Router thread only.
 */
public final class IdGenerator {
    /** 2^53: the largest integer every serializer and JavaScript represent exactly. */
    public static final long MAX_ID = 1L << 53;

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private final Sequence routerScope = new Sequence();

    /** A random global-scope id. */
    public long global() { return random.nextLong(1, MAX_ID + 1); }

    /** The next router-scope id. */
    public long routerScope() { return routerScope.next(); }

    /** Whether {@code id} is a valid WAMP id. */
    public static boolean valid(long id) { return id >= 1 && id <= MAX_ID; }

    /** A sequential id source: 1, 2, 3 … 2^53, then 1 again. */
    public static final class Sequence {
        private long last;

        public long next() {
            last = last >= MAX_ID ? 1 : last + 1;
            return last;
        }
    }
}
