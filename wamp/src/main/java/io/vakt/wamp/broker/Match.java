package io.vakt.wamp.broker;

import java.util.Locale;

/**
 * How a subscription's URI selects topics (WAMP spec "Pattern-based Subscription"): the whole topic, a string
 * prefix of it, or a pattern whose empty components stand for any one component.
 */
public enum Match {
    EXACT, PREFIX, WILDCARD;

    /** The option value on the wire: {@code exact}, {@code prefix} or {@code wildcard}. */
    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    /** The policy named by a {@code match} option; an absent option means {@link #EXACT}; null when unknown. */
    public static Match parse(Object option) {
        if (option == null) return EXACT;
        return switch (option) {
            case String s when s.equals("exact") -> EXACT;
            case String s when s.equals("prefix") -> PREFIX;
            case String s when s.equals("wildcard") -> WILDCARD;
            default -> null;
        };
    }
}
