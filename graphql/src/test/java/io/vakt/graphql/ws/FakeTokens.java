package io.vakt.graphql.ws;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Authentication;
import io.vakt.core.access.Principal;
import io.vakt.core.access.TokenVerifier;
import io.vakt.graphql.support.MutableClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Token strings mapped to outcomes; anything unknown is {@code Invalid}. Records what it was asked. */
public final class FakeTokens implements TokenVerifier {
    public static final Principal USER = new Principal("operator", AccessLevel.Operator);
    /** Valid for ten minutes from {@link MutableClock#T0}. */
    public static final String GOOD = "good-token";
    /** Valid for five seconds from {@link MutableClock#T0}. */
    public static final String SHORT = "short-token";
    public static final String EXPIRED = "expired-token";
    public static final String FORGED = "forged-token";

    private final Map<String, Authentication> outcomes = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    public FakeTokens() {
        outcomes.put(GOOD, new Authentication.Authenticated(USER, "jti-1", MutableClock.T0.plus(Duration.ofMinutes(10))));
        outcomes.put(SHORT, new Authentication.Authenticated(USER, "jti-2", MutableClock.T0.plusSeconds(5)));
        outcomes.put(EXPIRED, new Authentication.Expired(USER.username()));
    }

    public FakeTokens with(String token, Authentication outcome) {
        outcomes.put(token, outcome);
        return this;
    }

    @Override
    public Authentication verify(String token) {
        asked.add(token);
        return outcomes.getOrDefault(token, new Authentication.Invalid("unknown token"));
    }

    /** The tokens verified, as the session passed them (without {@code Bearer }). */
    public List<String> asked() { return List.copyOf(asked); }
}
