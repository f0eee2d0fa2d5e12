package io.vakt.wamp.message;

import java.util.Map;

/**
 * Every WAMP v2 message, one record per wire message (WAMP spec "Message Codes and Direction"). What a
 * message is stays apart from how its bytes look: the serializers in {@code io.vakt.wamp.serializer} turn
 * these records into JSON, MessagePack or CBOR and back.
 *
 * <p>Dicts ({@code details}, {@code options}, {@code extra}) are plain {@code Map<String, Object>} with the
 * value types of {@link Payload}; they are never null (an absent dict is an empty map). Ids are
 * {@code long} in [0, 2^53].
 */
public sealed interface WampMessage {

    /** The message's type code, the first element of its array. */
    int code();

    /** [1, Realm|uri, Details|dict] */
    record Hello(String realm, Map<String, Object> details) implements WampMessage {
        public static final int CODE = 1;
        public int code() { return CODE; }
    }

    /** [2, Session|id, Details|dict] */
    record Welcome(long session, Map<String, Object> details) implements WampMessage {
        public static final int CODE = 2;
        public int code() { return CODE; }
    }

    /** [3, Details|dict, Reason|uri] */
    record Abort(Map<String, Object> details, String reason) implements WampMessage {
        public static final int CODE = 3;
        public int code() { return CODE; }
    }

    /** [4, AuthMethod|string, Extra|dict] */
    record Challenge(String authMethod, Map<String, Object> extra) implements WampMessage {
        public static final int CODE = 4;
        public int code() { return CODE; }
    }

    /** [5, Signature|string, Extra|dict] */
    record Authenticate(String signature, Map<String, Object> extra) implements WampMessage {
        public static final int CODE = 5;
        public int code() { return CODE; }
    }

    /** [6, Details|dict, Reason|uri] */
    record Goodbye(Map<String, Object> details, String reason) implements WampMessage {
        public static final int CODE = 6;
        public int code() { return CODE; }
    }

    /** [8, REQUEST.Type|int, REQUEST.Request|id, Details|dict, Error|uri, Arguments|list, ArgumentsKw|dict] */
    record Error(int requestType, long request, Map<String, Object> details, String error, Payload payload)
            implements WampMessage {
        public static final int CODE = 8;
        public int code() { return CODE; }
    }

    /** [16, Request|id, Options|dict, Topic|uri, Arguments|list, ArgumentsKw|dict] */
    record Publish(long request, Map<String, Object> options, String topic, Payload payload) implements WampMessage {
        public static final int CODE = 16;
        public int code() { return CODE; }
    }

    /** [17, PUBLISH.Request|id, Publication|id] */
    record Published(long request, long publication) implements WampMessage {
        public static final int CODE = 17;
        public int code() { return CODE; }
    }

    /** [32, Request|id, Options|dict, Topic|uri] */
    record Subscribe(long request, Map<String, Object> options, String topic) implements WampMessage {
        public static final int CODE = 32;
        public int code() { return CODE; }
    }

    /** [33, SUBSCRIBE.Request|id, Subscription|id] */
    record Subscribed(long request, long subscription) implements WampMessage {
        public static final int CODE = 33;
        public int code() { return CODE; }
    }

    /** [34, Request|id, SUBSCRIBED.Subscription|id] */
    record Unsubscribe(long request, long subscription) implements WampMessage {
        public static final int CODE = 34;
        public int code() { return CODE; }
    }

    /**
     * [35, UNSUBSCRIBE.Request|id] or, when the router revokes a subscription, [35, 0, Details|dict]
     * ({@code details} empty in the first form).
     */
    record Unsubscribed(long request, Map<String, Object> details) implements WampMessage {
        public static final int CODE = 35;
        public int code() { return CODE; }
    }

    /** [36, SUBSCRIBED.Subscription|id, PUBLISHED.Publication|id, Details|dict, Arguments|list, ArgumentsKw|dict] */
    record Event(long subscription, long publication, Map<String, Object> details, Payload payload)
            implements WampMessage {
        public static final int CODE = 36;
        public int code() { return CODE; }
    }

    /** [337, EVENT.Publication|id]: a subscriber's acknowledgement of an event (acknowledged event delivery). */
    record EventReceived(long publication) implements WampMessage {
        public static final int CODE = 337;
        public int code() { return CODE; }
    }

    /** [48, Request|id, Options|dict, Procedure|uri, Arguments|list, ArgumentsKw|dict] */
    record Call(long request, Map<String, Object> options, String procedure, Payload payload) implements WampMessage {
        public static final int CODE = 48;
        public int code() { return CODE; }
    }

    /** [49, CALL.Request|id, Options|dict] */
    record Cancel(long request, Map<String, Object> options) implements WampMessage {
        public static final int CODE = 49;
        public int code() { return CODE; }
    }

    /** [50, CALL.Request|id, Details|dict, YIELD.Arguments|list, YIELD.ArgumentsKw|dict] */
    record Result(long request, Map<String, Object> details, Payload payload) implements WampMessage {
        public static final int CODE = 50;
        public int code() { return CODE; }
    }

    /** [64, Request|id, Options|dict, Procedure|uri] */
    record Register(long request, Map<String, Object> options, String procedure) implements WampMessage {
        public static final int CODE = 64;
        public int code() { return CODE; }
    }

    /** [65, REGISTER.Request|id, Registration|id] */
    record Registered(long request, long registration) implements WampMessage {
        public static final int CODE = 65;
        public int code() { return CODE; }
    }

    /** [66, Request|id, REGISTERED.Registration|id] */
    record Unregister(long request, long registration) implements WampMessage {
        public static final int CODE = 66;
        public int code() { return CODE; }
    }

    /**
     * [67, UNREGISTER.Request|id] or, when the router revokes a registration, [67, 0, Details|dict]
     * ({@code details} empty in the first form).
     */
    record Unregistered(long request, Map<String, Object> details) implements WampMessage {
        public static final int CODE = 67;
        public int code() { return CODE; }
    }

    /** [68, Request|id, REGISTERED.Registration|id, Details|dict, CALL.Arguments|list, CALL.ArgumentsKw|dict] */
    record Invocation(long request, long registration, Map<String, Object> details, Payload payload)
            implements WampMessage {
        public static final int CODE = 68;
        public int code() { return CODE; }
    }

    /** [69, INVOCATION.Request|id, Options|dict] */
    record Interrupt(long request, Map<String, Object> options) implements WampMessage {
        public static final int CODE = 69;
        public int code() { return CODE; }
    }

    /** [70, INVOCATION.Request|id, Options|dict, Arguments|list, ArgumentsKw|dict] */
    record Yield(long request, Map<String, Object> options, Payload payload) implements WampMessage {
        public static final int CODE = 70;
        public int code() { return CODE; }
    }
}
