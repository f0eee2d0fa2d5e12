package io.vakt.wamp.dealer;

/**
 * {@code CANCEL.Options.mode} (WAMP spec "Call Canceling"). The spec gives no default; Vakt takes
 * {@link #KILLNOWAIT} when the option is absent, as other routers do: the caller stops waiting at once and the
 * callee is still told to stop.
 */
enum CancelMode {
    /** ERROR to the caller at once; the callee is not told and its answer is discarded. */
    SKIP("skip"),
    /** INTERRUPT to the callee; the caller gets whatever the callee answers. */
    KILL("kill"),
    /** ERROR to the caller and INTERRUPT to the callee at once; the callee's answer is discarded. */
    KILLNOWAIT("killnowait");

    final String wireName;

    CancelMode(String wireName) { this.wireName = wireName; }

    /** The mode named {@code value}, {@link #KILLNOWAIT} for null, or null for an unknown name. */
    static CancelMode parse(Object value) {
        if (value == null) return KILLNOWAIT;
        return switch (String.valueOf(value)) {
            case "skip" -> SKIP;
            case "kill" -> KILL;
            case "killnowait" -> KILLNOWAIT;
            default -> null;
        };
    }
}
