package io.vakt.wamp.dealer;

/**
 * How a registration's URI is compared with the procedure of a CALL (WAMP spec "Pattern-based
 * Registrations"): {@code REGISTER.Options.match}, {@code exact} when absent.
 */
public enum MatchPolicy {
    EXACT("exact"),
    PREFIX("prefix"),
    WILDCARD("wildcard");

    private final String wireName;

    MatchPolicy(String wireName) { this.wireName = wireName; }

    /** The value of {@code REGISTER.Options.match} and of the meta API's {@code match} fields. */
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
