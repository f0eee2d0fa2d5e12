package io.vakt.wamp.uri;

/**
 * How a registration's or subscription's URI is compared with a called procedure or a published topic (WAMP
 * spec "Pattern-based Registrations", "Pattern-based Subscriptions"): {@code REGISTER.Options.match} and
 * {@code SUBSCRIBE.Options.match}, {@code exact} when absent.
 */
public enum MatchPolicy {
    EXACT("exact"),
    PREFIX("prefix"),
    WILDCARD("wildcard");

    private final String wireName;

    MatchPolicy(String wireName) { this.wireName = wireName; }

    /** The value of the {@code match} option and of the meta API's {@code match} fields. */
    public String wireName() { return wireName; }

    /** The policy named {@code value}, {@link #EXACT} for null, or null for a name the spec does not define. */
    public static MatchPolicy parse(Object value) {
        if (value == null) return EXACT;
        return switch (String.valueOf(value)) {
            case "exact" -> EXACT;
            case "prefix" -> PREFIX;
            case "wildcard" -> WILDCARD;
            default -> null;
        };
    }
}
