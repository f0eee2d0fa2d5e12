package io.vakt.wamp.dealer;

/**
 * Which callee of a shared registration gets an invocation (WAMP spec "Shared Registration"):
 * {@code REGISTER.Options.invoke}, {@code single} when absent.
 */
public enum InvokePolicy {
    /** One callee only; a second REGISTER of the same URI is refused. */
    SINGLE("single"),
    ROUNDROBIN("roundrobin"),
    RANDOM("random"),
    /** The callee that joined earliest. */
    FIRST("first"),
    /** The callee that joined latest. */
    LAST("last");

    private final String wireName;

    InvokePolicy(String wireName) { this.wireName = wireName; }

    /** The value of {@code REGISTER.Options.invoke} and of the meta API's {@code invoke} fields. */
    public String wireName() { return wireName; }

    /** The policy named {@code value}, {@link #SINGLE} for null, or null for a policy Vakt does not offer. */
    public static InvokePolicy parse(Object value) {
        if (value == null) return SINGLE;
        return switch (String.valueOf(value)) {
            case "single" -> SINGLE;
            case "roundrobin" -> ROUNDROBIN;
            case "random" -> RANDOM;
            case "first" -> FIRST;
            case "last" -> LAST;
            default -> null;
        };
    }
}
