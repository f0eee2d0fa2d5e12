package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;

import java.util.HashMap;
import java.util.Map;

/** Builds the details dicts of the messages the dealer forwards. */
final class Details {
    private Details() {}

    static final Map<String, Object> PROGRESS = Map.of("progress", true);

    /**
     * Copies the Payload Passthru Mode attributes ({@code ppt_*}, and the older end-to-end encryption
     * {@code enc_*}) from a message's options to the details of the message it becomes (WAMP spec "Payload
     * Passthru Mode", "Message Attributes"). Only a transparent payload has them, so a normal call pays nothing.
     *
     * @param into the details so far, or null for none
     * @return {@code into}, or a new map when it was null and something was copied, or null
     */
    static Map<String, Object> passthru(Payload payload, Map<String, Object> options, Map<String, Object> into) {
        if (payload.transparent() == null) return into;
        for (Map.Entry<String, Object> option : options.entrySet()) {
            String key = option.getKey();
            if (key.startsWith("ppt_") || key.startsWith("enc_")) {
                if (into == null) into = new HashMap<>();
                into.put(key, option.getValue());
            }
        }
        return into;
    }

    /** RESULT details for a YIELD: {@code {}} or {@code {progress: true}}, plus passthru attributes. */
    static Map<String, Object> result(boolean progress, Payload payload, Map<String, Object> yieldOptions) {
        if (payload.transparent() == null) return progress ? PROGRESS : Map.of();
        Map<String, Object> details = new HashMap<>();
        if (progress) details.put("progress", true);
        details = passthru(payload, yieldOptions, details);
        return details;
    }

    /** ERROR details for the caller, from the callee's ERROR: only passthru attributes are forwarded. */
    static Map<String, Object> error(Payload payload, Map<String, Object> calleeDetails) {
        Map<String, Object> details = passthru(payload, calleeDetails, null);
        return details == null ? Map.of() : details;
    }
}
