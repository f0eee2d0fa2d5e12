package io.vakt.wamp.serializer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.*;

import java.util.List;
import java.util.Map;

import static io.vakt.wamp.serializer.WireValues.MAX_ID;
import static io.vakt.wamp.serializer.WireValues.describe;
import static io.vakt.wamp.serializer.WireValues.integer;
import static io.vakt.wamp.serializer.WireValues.violation;

/**
 * Turns a decoded message array (the generic value model every serializer produces) into a {@link WampMessage},
 * checking everything a decoder must: a known message code, the element count of that type, each element's
 * type, and the types of the options and details the WAMP spec defines (see {@code DictRules}). URIs are only
 * checked to be strings: which URI forms are allowed depends on the match policy, which the broker and the
 * dealer own.
 *
 * <p>Every failure is a {@link ProtocolViolation} whose text names the offending field, e.g.
 * {@code PUBLISH.Options.acknowledge must be a boolean, got a string}.
 */
public final class MessageReader {
    private MessageReader() {}

    /**
     * Reads one message.
     *
     * @param wire the message array as decoded: {@code Long} integers, {@code String}s, {@code List}s,
     *             {@code Map}s with string keys, {@code byte[]}, {@code Double}, {@code Boolean}, {@code null}
     * @throws ProtocolViolation when the array is not a valid WAMP message
     */
    public static WampMessage read(List<?> wire) {
        if (wire == null || wire.isEmpty()) throw violation("a WAMP message must be a non-empty array");
        Object first = wire.get(0);
        Long code = integer(first);
        if (code == null) throw violation("the message type must be an integer, got " + describe(first));
        int type = code >= 0 && code <= Integer.MAX_VALUE ? (int) (long) code : -1;
        return switch (type) {
            case Hello.CODE -> hello(wire);
            case Welcome.CODE -> welcome(wire);
            case Abort.CODE -> abort(wire);
            case Challenge.CODE -> challenge(wire);
            case Authenticate.CODE -> authenticate(wire);
            case Goodbye.CODE -> goodbye(wire);
            case WampMessage.Error.CODE -> error(wire);
            case Publish.CODE -> publish(wire);
            case Published.CODE -> published(wire);
            case Subscribe.CODE -> subscribe(wire);
            case Subscribed.CODE -> subscribed(wire);
            case Unsubscribe.CODE -> unsubscribe(wire);
            case Unsubscribed.CODE -> unsubscribed(wire);
            case Event.CODE -> event(wire);
            case EventReceived.CODE -> eventReceived(wire);
            case Call.CODE -> call(wire);
            case Cancel.CODE -> cancel(wire);
            case Result.CODE -> result(wire);
            case Register.CODE -> register(wire);
            case Registered.CODE -> registered(wire);
            case Unregister.CODE -> unregister(wire);
            case Unregistered.CODE -> unregistered(wire);
            case Invocation.CODE -> invocation(wire);
            case Interrupt.CODE -> interrupt(wire);
            case Yield.CODE -> yieldMessage(wire);
            default -> throw violation("unknown message type " + code);
        };
    }

    // Basic Profile "Session Establishment" and "Session Closing"; Advanced Profile "Authentication".

    private static Hello hello(List<?> m) {
        count(m, "HELLO", 3, 3);
        String realm = string(m, 1, "HELLO.Realm");
        Map<String, Object> details = dict(m, 2, "HELLO.Details", DictRules.HELLO_DETAILS);
        return new Hello(realm, details);
    }

    private static Welcome welcome(List<?> m) {
        count(m, "WELCOME", 3, 3);
        return new Welcome(id(m, 1, "WELCOME.Session"), dict(m, 2, "WELCOME.Details", DictRules.WELCOME_DETAILS));
    }

    private static Abort abort(List<?> m) {
        count(m, "ABORT", 3, 3);
        return new Abort(dict(m, 1, "ABORT.Details", DictRules.CLOSE_DETAILS), string(m, 2, "ABORT.Reason"));
    }

    private static Challenge challenge(List<?> m) {
        count(m, "CHALLENGE", 3, 3);
        return new Challenge(string(m, 1, "CHALLENGE.AuthMethod"), dict(m, 2, "CHALLENGE.Extra", Map.of()));
    }

    private static Authenticate authenticate(List<?> m) {
        count(m, "AUTHENTICATE", 3, 3);
        return new Authenticate(string(m, 1, "AUTHENTICATE.Signature"), dict(m, 2, "AUTHENTICATE.Extra", Map.of()));
    }

    private static Goodbye goodbye(List<?> m) {
        count(m, "GOODBYE", 3, 3);
        return new Goodbye(dict(m, 1, "GOODBYE.Details", DictRules.CLOSE_DETAILS), string(m, 2, "GOODBYE.Reason"));
    }

    // Basic Profile "ERROR": [ERROR, REQUEST.Type|int, REQUEST.Request|id, Details|dict, Error|uri, Arguments|list, ArgumentsKw|dict]

    private static WampMessage.Error error(List<?> m) {
        count(m, "ERROR", 5, 7);
        Object typeValue = m.get(1);
        Long requestType = integer(typeValue);
        if (requestType == null || !isErrorRequestType(requestType)) {
            throw violation("ERROR.Type must be the code of a request that ERROR answers "
                    + "(16, 32, 34, 48, 49, 64, 66, 68), got " + describe(typeValue));
        }
        long request = requestId(m, 2, "ERROR.Request");
        Map<String, Object> details = dict(m, 3, "ERROR.Details", DictRules.ERROR_DETAILS);
        String error = string(m, 4, "ERROR.Error");
        return new WampMessage.Error((int) (long) requestType, request, details, error, payload(m, 5, "ERROR", details));
    }

    private static boolean isErrorRequestType(long type) {
        return type == Publish.CODE || type == Subscribe.CODE || type == Unsubscribe.CODE || type == Call.CODE
                || type == Cancel.CODE || type == Register.CODE || type == Unregister.CODE || type == Invocation.CODE;
    }

    // Basic Profile "Publish & Subscribe".

    private static Publish publish(List<?> m) {
        count(m, "PUBLISH", 4, 6);
        long request = requestId(m, 1, "PUBLISH.Request");
        Map<String, Object> options = dict(m, 2, "PUBLISH.Options", DictRules.PUBLISH_OPTIONS);
        String topic = string(m, 3, "PUBLISH.Topic");
        return new Publish(request, options, topic, payload(m, 4, "PUBLISH", options));
    }

    private static Published published(List<?> m) {
        count(m, "PUBLISHED", 3, 3);
        return new Published(requestId(m, 1, "PUBLISHED.Request"), id(m, 2, "PUBLISHED.Publication"));
    }

    private static Subscribe subscribe(List<?> m) {
        count(m, "SUBSCRIBE", 4, 4);
        long request = requestId(m, 1, "SUBSCRIBE.Request");
        Map<String, Object> options = dict(m, 2, "SUBSCRIBE.Options", DictRules.SUBSCRIBE_OPTIONS);
        return new Subscribe(request, options, string(m, 3, "SUBSCRIBE.Topic"));
    }

    private static Subscribed subscribed(List<?> m) {
        count(m, "SUBSCRIBED", 3, 3);
        return new Subscribed(requestId(m, 1, "SUBSCRIBED.Request"), id(m, 2, "SUBSCRIBED.Subscription"));
    }

    private static Unsubscribe unsubscribe(List<?> m) {
        count(m, "UNSUBSCRIBE", 3, 3);
        return new Unsubscribe(requestId(m, 1, "UNSUBSCRIBE.Request"), id(m, 2, "UNSUBSCRIBE.Subscription"));
    }

    /** [UNSUBSCRIBED, Request|id] or, Advanced Profile "Subscription Revocation", [UNSUBSCRIBED, 0, Details|dict]. */
    private static Unsubscribed unsubscribed(List<?> m) {
        count(m, "UNSUBSCRIBED", 2, 3);
        if (m.size() == 2) return new Unsubscribed(requestId(m, 1, "UNSUBSCRIBED.Request"), Map.of());
        long request = id(m, 1, "UNSUBSCRIBED.Request");
        return new Unsubscribed(request, dict(m, 2, "UNSUBSCRIBED.Details", DictRules.UNSUBSCRIBED_DETAILS));
    }

    private static Event event(List<?> m) {
        count(m, "EVENT", 4, 6);
        long subscription = id(m, 1, "EVENT.Subscription");
        long publication = id(m, 2, "EVENT.Publication");
        Map<String, Object> details = dict(m, 3, "EVENT.Details", DictRules.EVENT_DETAILS);
        return new Event(subscription, publication, details, payload(m, 4, "EVENT", details));
    }

    /** Acknowledged event delivery (provisional code 337): [EVENT_RECEIVED, EVENT.Publication|id]. */
    private static EventReceived eventReceived(List<?> m) {
        count(m, "EVENT_RECEIVED", 2, 2);
        return new EventReceived(id(m, 1, "EVENT_RECEIVED.Publication"));
    }

    // Basic Profile "Remote Procedure Calls"; Advanced Profile "Call Canceling".

    private static Call call(List<?> m) {
        count(m, "CALL", 4, 6);
        long request = requestId(m, 1, "CALL.Request");
        Map<String, Object> options = dict(m, 2, "CALL.Options", DictRules.CALL_OPTIONS);
        String procedure = string(m, 3, "CALL.Procedure");
        return new Call(request, options, procedure, payload(m, 4, "CALL", options));
    }

    private static Cancel cancel(List<?> m) {
        count(m, "CANCEL", 3, 3);
        return new Cancel(requestId(m, 1, "CANCEL.Request"), dict(m, 2, "CANCEL.Options", DictRules.CANCEL_OPTIONS));
    }

    private static Result result(List<?> m) {
        count(m, "RESULT", 3, 5);
        long request = requestId(m, 1, "RESULT.Request");
        Map<String, Object> details = dict(m, 2, "RESULT.Details", DictRules.RESULT_DETAILS);
        return new Result(request, details, payload(m, 3, "RESULT", details));
    }

    private static Register register(List<?> m) {
        count(m, "REGISTER", 4, 4);
        long request = requestId(m, 1, "REGISTER.Request");
        Map<String, Object> options = dict(m, 2, "REGISTER.Options", DictRules.REGISTER_OPTIONS);
        return new Register(request, options, string(m, 3, "REGISTER.Procedure"));
    }

    private static Registered registered(List<?> m) {
        count(m, "REGISTERED", 3, 3);
        return new Registered(requestId(m, 1, "REGISTERED.Request"), id(m, 2, "REGISTERED.Registration"));
    }

    private static Unregister unregister(List<?> m) {
        count(m, "UNREGISTER", 3, 3);
        return new Unregister(requestId(m, 1, "UNREGISTER.Request"), id(m, 2, "UNREGISTER.Registration"));
    }

    /** [UNREGISTERED, Request|id] or, Advanced Profile "Registration Revocation", [UNREGISTERED, 0, Details|dict]. */
    private static Unregistered unregistered(List<?> m) {
        count(m, "UNREGISTERED", 2, 3);
        if (m.size() == 2) return new Unregistered(requestId(m, 1, "UNREGISTERED.Request"), Map.of());
        long request = id(m, 1, "UNREGISTERED.Request");
        return new Unregistered(request, dict(m, 2, "UNREGISTERED.Details", DictRules.UNREGISTERED_DETAILS));
    }

    private static Invocation invocation(List<?> m) {
        count(m, "INVOCATION", 4, 6);
        long request = requestId(m, 1, "INVOCATION.Request");
        long registration = id(m, 2, "INVOCATION.Registration");
        Map<String, Object> details = dict(m, 3, "INVOCATION.Details", DictRules.INVOCATION_DETAILS);
        return new Invocation(request, registration, details, payload(m, 4, "INVOCATION", details));
    }

    private static Interrupt interrupt(List<?> m) {
        count(m, "INTERRUPT", 3, 3);
        return new Interrupt(requestId(m, 1, "INTERRUPT.Request"),
                dict(m, 2, "INTERRUPT.Options", DictRules.INTERRUPT_OPTIONS));
    }

    private static Yield yieldMessage(List<?> m) {
        count(m, "YIELD", 3, 5);
        long request = requestId(m, 1, "YIELD.Request");
        Map<String, Object> options = dict(m, 2, "YIELD.Options", DictRules.YIELD_OPTIONS);
        return new Yield(request, options, payload(m, 3, "YIELD", options));
    }

    // Element readers. Each names the field it reads in its error text.

    private static void count(List<?> m, String type, int min, int max) {
        int n = m.size();
        if (n < min || n > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw violation(type + " must have " + expected + " elements, got " + n);
        }
    }

    /** WAMP spec "Identifiers": any id is an integer in [0, 2^53]. */
    private static long id(List<?> m, int index, String field) {
        Object v = m.get(index);
        Long l = integer(v);
        if (l == null || l < 0 || l > MAX_ID) {
            throw violation(field + " must be an id (integer in [0, 2^53]), got " + describe(v));
        }
        return l;
    }

    /** Request ids are session-scoped and start at 1 ("Identifiers", "Session Scope IDs"). */
    private static long requestId(List<?> m, int index, String field) {
        Object v = m.get(index);
        Long l = integer(v);
        if (l == null || l < 1 || l > MAX_ID) {
            throw violation(field + " must be a request id (integer in [1, 2^53]), got " + describe(v));
        }
        return l;
    }

    private static String string(List<?> m, int index, String field) {
        if (m.get(index) instanceof String s) return s;
        throw violation(field + " must be a string, got " + describe(m.get(index)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dict(List<?> m, int index, String field, Map<String, DictRules.Rule> rules) {
        Object v = m.get(index);
        if (!WireValues.isStringKeyedMap(v)) throw violation(field + " must be a dict with string keys, got " + describe(v));
        Map<String, Object> dict = (Map<String, Object>) v;
        DictRules.check(field, dict, rules);
        return dict;
    }

    /**
     * The application payload from element {@code from} on. Under Payload Passthru Mode (an {@code enc_algo} or
     * {@code ppt_scheme} in the options or details) the one element after the URI or details is opaque and kept
     * as it came; otherwise it is [Arguments|list[, ArgumentsKw|dict]].
     */
    @SuppressWarnings("unchecked")
    private static Payload payload(List<?> m, int from, String type, Map<String, Object> dict) {
        int n = m.size();
        if (n == from) return Payload.EMPTY;
        if (dict.containsKey("enc_algo") || dict.containsKey("ppt_scheme")) {
            if (n > from + 1) {
                throw violation(type + " must have at most " + (from + 1)
                        + " elements under payload transparency (one opaque payload), got " + n);
            }
            Object opaque = m.get(from);
            if (opaque == null) throw violation(type + ".Payload must not be null under payload transparency");
            return Payload.transparent(opaque);
        }
        if (!(m.get(from) instanceof List<?> args)) {
            throw violation(type + ".Arguments must be a list, got " + describe(m.get(from)));
        }
        Map<String, Object> kwargs = null;
        if (n > from + 1) {
            Object v = m.get(from + 1);
            if (!WireValues.isStringKeyedMap(v)) {
                throw violation(type + ".ArgumentsKw must be a dict with string keys, got " + describe(v));
            }
            kwargs = (Map<String, Object>) v;
        }
        return new Payload((List<Object>) args, kwargs, null);
    }
}
