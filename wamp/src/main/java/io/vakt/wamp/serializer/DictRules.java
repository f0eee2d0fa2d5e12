package io.vakt.wamp.serializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.vakt.wamp.serializer.WireValues.integer;
import static io.vakt.wamp.serializer.WireValues.isId;
import static io.vakt.wamp.serializer.WireValues.violation;

/**
 * The types of the options and details the WAMP spec defines (and the conformance vectors pin down), one
 * table per dict. Keys a table does not name pass unchecked: peers add options over time and a router must
 * stay forward compatible (WAMP spec "Extensibility").
 */
final class DictRules {
    private DictRules() {}

    /** What a known key's value must look like; {@link #expectation} completes "X.Options.key ...". */
    enum Rule {
        BOOLEAN("must be a boolean"),
        STRING("must be a string"),
        ID("must be an id (integer in [0, 2^53])"),
        ID_LIST("must be a list of ids (integers in [0, 2^53])"),
        STRING_LIST("must be a list of strings"),
        DICT("must be a dict"),
        FORWARD_FOR("must be a list of dicts with an id session and string authid/authrole"),
        NON_NEGATIVE_INTEGER("must be a non-negative integer"),
        POSITIVE_INTEGER("must be a positive integer"),
        MATCH("must be one of exact, prefix, wildcard"),
        INVOKE("must be one of single, roundrobin, random, first, last"),
        CANCEL_MODE("must be one of skip, kill, killnowait"),
        INTERRUPT_MODE("must be one of kill, killnowait"),
        ENC_ALGO("must be cryptobox, mqtt, xbr or a custom x_ identifier"),
        ENC_SERIALIZER("must be json, msgpack, cbor, ubjson, opaque, flatbuffers or a custom x_ identifier");

        final String expectation;

        Rule(String expectation) { this.expectation = expectation; }

        boolean accepts(Object v) {
            return switch (this) {
                case BOOLEAN -> v instanceof Boolean;
                case STRING -> v instanceof String;
                case ID -> isId(v);
                case ID_LIST -> v instanceof List<?> l && allMatch(l, ID);
                case STRING_LIST -> v instanceof List<?> l && allMatch(l, STRING);
                case DICT -> WireValues.isStringKeyedMap(v);
                case FORWARD_FOR -> v instanceof List<?> l && l.stream().allMatch(DictRules::isForwardHop);
                case NON_NEGATIVE_INTEGER -> integer(v) instanceof Long l && l >= 0;
                case POSITIVE_INTEGER -> integer(v) instanceof Long l && l > 0;
                case MATCH -> MATCH_POLICIES.contains(v);
                case INVOKE -> INVOKE_POLICIES.contains(v);
                case CANCEL_MODE -> CANCEL_MODES.contains(v);
                case INTERRUPT_MODE -> INTERRUPT_MODES.contains(v);
                case ENC_ALGO -> ENC_ALGOS.contains(v) || isCustomIdentifier(v);
                case ENC_SERIALIZER -> ENC_SERIALIZERS.contains(v) || isCustomIdentifier(v);
            };
        }

        private static boolean allMatch(List<?> list, Rule rule) {
            for (Object o : list) {
                if (!rule.accepts(o)) return false;
            }
            return true;
        }
    }

    // Advanced Profile "Pattern-based Subscriptions/Registrations", "Shared Registration", "Call Canceling".
    private static final Set<String> MATCH_POLICIES = Set.of("exact", "prefix", "wildcard");
    private static final Set<String> INVOKE_POLICIES = Set.of("single", "roundrobin", "random", "first", "last");
    private static final Set<String> CANCEL_MODES = Set.of("skip", "kill", "killnowait");
    private static final Set<String> INTERRUPT_MODES = Set.of("kill", "killnowait");
    // Advanced Profile "Payload Passthru Mode" in Autobahn's naming (enc_*), which the vectors use.
    private static final Set<String> ENC_ALGOS = Set.of("cryptobox", "mqtt", "xbr");
    private static final Set<String> ENC_SERIALIZERS = Set.of("json", "msgpack", "cbor", "ubjson", "opaque", "flatbuffers");

    /** Implementation-specific identifiers: "x_" alone or followed by a lower-case letter and 1+ of [a-z0-9_]. */
    static boolean isCustomIdentifier(Object v) {
        if (!(v instanceof String s) || !s.startsWith("x_")) return false;
        if (s.length() == 2) return true;
        if (s.length() < 4 || !isLower(s.charAt(2))) return false;
        for (int i = 3; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isLower(c) && !(c >= '0' && c <= '9') && c != '_') return false;
        }
        return true;
    }

    private static boolean isLower(char c) { return c >= 'a' && c <= 'z'; }

    /** One hop of a router-to-router forwarding chain: {session: id, authid: string, authrole: string}. */
    private static boolean isForwardHop(Object hop) {
        if (!WireValues.isStringKeyedMap(hop)) return false;
        Map<?, ?> m = (Map<?, ?>) hop;
        Object session = m.get("session");
        Object authid = m.get("authid");
        Object authrole = m.get("authrole");
        return (session == null || isId(session))
                && (authid == null || authid instanceof String)
                && (authrole == null || authrole instanceof String);
    }

    // Options and details of the messages that carry an application payload (Payload Passthru Mode and
    // router-to-router links apply to all of them).
    private static final Map<String, Rule> PAYLOAD_COMMON = Map.of(
            "forward_for", Rule.FORWARD_FOR,
            "enc_algo", Rule.ENC_ALGO,
            "enc_serializer", Rule.ENC_SERIALIZER,
            "enc_key", Rule.STRING,
            "ppt_scheme", Rule.STRING,
            "ppt_serializer", Rule.STRING,
            "ppt_cipher", Rule.STRING,
            "ppt_keyid", Rule.STRING);

    /** HELLO.Details (Basic Profile "HELLO"; Advanced Profile "Authentication"). */
    static final Map<String, Rule> HELLO_DETAILS = Map.of(
            "roles", Rule.DICT,
            "authmethods", Rule.STRING_LIST,
            "authid", Rule.STRING,
            "authrole", Rule.STRING,
            "authextra", Rule.DICT,
            "agent", Rule.STRING);

    /** WELCOME.Details (Basic Profile "WELCOME"; Advanced Profile "Authentication"). */
    static final Map<String, Rule> WELCOME_DETAILS = Map.of(
            "roles", Rule.DICT,
            "realm", Rule.STRING,
            "authid", Rule.STRING,
            "authrole", Rule.STRING,
            "authmethod", Rule.STRING,
            "authprovider", Rule.STRING,
            "authextra", Rule.DICT,
            "agent", Rule.STRING);

    /** ABORT.Details and GOODBYE.Details ("Session Closing"): an optional human-readable message. */
    static final Map<String, Rule> CLOSE_DETAILS = Map.of("message", Rule.STRING);

    /** ERROR.Details. */
    static final Map<String, Rule> ERROR_DETAILS = PAYLOAD_COMMON;

    /** PUBLISH.Options ("Subscriber Black- and Whitelisting", "Publisher Exclusion/Identification", "Event Retention"). */
    static final Map<String, Rule> PUBLISH_OPTIONS = with(PAYLOAD_COMMON, Map.ofEntries(
            Map.entry("acknowledge", Rule.BOOLEAN),
            Map.entry("exclude_me", Rule.BOOLEAN),
            Map.entry("exclude", Rule.ID_LIST),
            Map.entry("exclude_authid", Rule.STRING_LIST),
            Map.entry("exclude_authrole", Rule.STRING_LIST),
            Map.entry("eligible", Rule.ID_LIST),
            Map.entry("eligible_authid", Rule.STRING_LIST),
            Map.entry("eligible_authrole", Rule.STRING_LIST),
            Map.entry("retain", Rule.BOOLEAN),
            Map.entry("disclose_me", Rule.BOOLEAN),
            Map.entry("transaction_hash", Rule.STRING)));

    /** SUBSCRIBE.Options ("Pattern-based Subscriptions", "Event Retention"). */
    static final Map<String, Rule> SUBSCRIBE_OPTIONS = Map.of(
            "match", Rule.MATCH,
            "get_retained", Rule.BOOLEAN,
            "forward_for", Rule.FORWARD_FOR);

    /** UNSUBSCRIBED.Details ("Subscription Revocation"). */
    static final Map<String, Rule> UNSUBSCRIBED_DETAILS = Map.of("subscription", Rule.ID, "reason", Rule.STRING);

    /** EVENT.Details ("Publisher Identification", "Pattern-based Subscriptions", "Event Retention", acknowledged delivery). */
    static final Map<String, Rule> EVENT_DETAILS = with(PAYLOAD_COMMON, Map.of(
            "publisher", Rule.ID,
            "publisher_authid", Rule.STRING,
            "publisher_authrole", Rule.STRING,
            "topic", Rule.STRING,
            "retained", Rule.BOOLEAN,
            "transaction_hash", Rule.STRING,
            "x_acknowledged_delivery", Rule.BOOLEAN));

    /** CALL.Options ("Progressive Call Results", "Call Timeouts", "Caller Identification"). */
    static final Map<String, Rule> CALL_OPTIONS = with(PAYLOAD_COMMON, Map.of(
            "receive_progress", Rule.BOOLEAN,
            "progress", Rule.BOOLEAN,
            "timeout", Rule.NON_NEGATIVE_INTEGER,
            "disclose_me", Rule.BOOLEAN));

    /** CANCEL.Options ("Call Canceling"). */
    static final Map<String, Rule> CANCEL_OPTIONS = Map.of("mode", Rule.CANCEL_MODE, "forward_for", Rule.FORWARD_FOR);

    /** RESULT.Details ("Progressive Call Results"). */
    static final Map<String, Rule> RESULT_DETAILS = with(PAYLOAD_COMMON, Map.of("progress", Rule.BOOLEAN));

    /** REGISTER.Options ("Pattern-based Registrations", "Shared Registration", "Caller Identification"). */
    static final Map<String, Rule> REGISTER_OPTIONS = Map.of(
            "match", Rule.MATCH,
            "invoke", Rule.INVOKE,
            "disclose_caller", Rule.BOOLEAN,
            "concurrency", Rule.POSITIVE_INTEGER,
            "force_reregister", Rule.BOOLEAN,
            "forward_for", Rule.FORWARD_FOR);

    /** UNREGISTERED.Details ("Registration Revocation"). */
    static final Map<String, Rule> UNREGISTERED_DETAILS = Map.of("registration", Rule.ID, "reason", Rule.STRING);

    /** INVOCATION.Details ("Caller Identification", "Progressive Call Results", "Call Timeouts"). */
    static final Map<String, Rule> INVOCATION_DETAILS = with(PAYLOAD_COMMON, Map.of(
            "caller", Rule.ID,
            "caller_authid", Rule.STRING,
            "caller_authrole", Rule.STRING,
            "procedure", Rule.STRING,
            "receive_progress", Rule.BOOLEAN,
            "progress", Rule.BOOLEAN,
            "timeout", Rule.NON_NEGATIVE_INTEGER));

    /** INTERRUPT.Options ("Call Canceling"). */
    static final Map<String, Rule> INTERRUPT_OPTIONS = Map.of(
            "mode", Rule.INTERRUPT_MODE,
            "reason", Rule.STRING,
            "forward_for", Rule.FORWARD_FOR);

    /** YIELD.Options ("Progressive Call Results"). */
    static final Map<String, Rule> YIELD_OPTIONS = with(PAYLOAD_COMMON, Map.of("progress", Rule.BOOLEAN));

    /**
     * Checks every key of {@code dict} that {@code rules} names. Iterates the dict rather than the rules
     * because dicts on the wire are usually empty or tiny.
     */
    static void check(String label, Map<String, Object> dict, Map<String, Rule> rules) {
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            Rule rule = rules.get(e.getKey());
            if (rule != null && !rule.accepts(e.getValue())) {
                throw violation(label + "." + e.getKey() + " " + rule.expectation + ", got "
                        + WireValues.describe(e.getValue()));
            }
        }
    }

    private static Map<String, Rule> with(Map<String, Rule> base, Map<String, Rule> more) {
        Map<String, Rule> all = new HashMap<>(base);
        all.putAll(more);
        return Map.copyOf(all);
    }
}
