package io.vakt.wamp.serializer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded record seen through the attribute names of the conformance vectors ({@code expected_attributes}),
 * with values normalised so that they compare by value: numbers as {@link BigDecimal}, binary as a hex string,
 * empty args/kwargs as absent (the vectors write {@code "kwargs": null} where Autobahn reads {} or None).
 */
final class WireAttributes {
    private WireAttributes() {}

    static Map<String, Object> of(WampMessage message) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("message_type", message.code());
        switch (message) {
            case Hello m -> {
                a.put("realm", m.realm());
                a.put("details", m.details());
                a.put("roles", m.details().get("roles"));
            }
            case Welcome m -> {
                a.put("session_id", m.session());
                a.put("session", m.session());
                a.put("details", m.details());
                a.put("roles", m.details().get("roles"));
            }
            case Abort m -> {
                a.put("details", m.details());
                a.put("reason", m.reason());
            }
            case Challenge m -> {
                a.put("method", m.authMethod());
                a.put("extra", m.extra());
            }
            case Authenticate m -> {
                a.put("signature", m.signature());
                a.put("extra", m.extra());
            }
            case Goodbye m -> {
                a.put("details", m.details());
                a.put("reason", m.reason());
            }
            case WampMessage.Error m -> {
                a.put("request_type", m.requestType());
                a.put("request_id", m.request());
                a.put("details", m.details());
                a.put("error", m.error());
                payload(a, m.payload());
            }
            case Publish m -> {
                a.put("request_id", m.request());
                a.put("options", m.options());
                a.put("topic", m.topic());
                payload(a, m.payload());
            }
            case Published m -> {
                a.put("request_id", m.request());
                publication(a, m.publication());
            }
            case Subscribe m -> {
                a.put("request_id", m.request());
                a.put("options", m.options());
                a.put("topic", m.topic());
            }
            case Subscribed m -> {
                a.put("request_id", m.request());
                subscription(a, m.subscription());
            }
            case Unsubscribe m -> {
                a.put("request_id", m.request());
                subscription(a, m.subscription());
            }
            case Unsubscribed m -> {
                a.put("request_id", m.request());
                a.put("details", m.details());
            }
            case Event m -> {
                subscription(a, m.subscription());
                publication(a, m.publication());
                a.put("details", m.details());
                payload(a, m.payload());
            }
            case EventReceived m -> publication(a, m.publication());
            case Call m -> {
                a.put("request_id", m.request());
                a.put("options", m.options());
                a.put("procedure", m.procedure());
                payload(a, m.payload());
            }
            case Cancel m -> {
                a.put("request_id", m.request());
                a.put("options", m.options());
            }
            case Result m -> {
                a.put("request_id", m.request());
                a.put("details", m.details());
                payload(a, m.payload());
            }
            case Register m -> {
                a.put("request_id", m.request());
                a.put("options", m.options());
                a.put("procedure", m.procedure());
            }
            case Registered m -> {
                a.put("request_id", m.request());
                registration(a, m.registration());
            }
            case Unregister m -> {
                a.put("request_id", m.request());
                registration(a, m.registration());
            }
            case Unregistered m -> {
                a.put("request_id", m.request());
                a.put("details", m.details());
            }
            case Invocation m -> {
                a.put("request_id", m.request());
                registration(a, m.registration());
                a.put("details", m.details());
                payload(a, m.payload());
            }
            case Interrupt m -> {
                a.put("request_id", m.request());
                a.put("options", m.options());
            }
            case Yield m -> {
                a.put("request_id", m.request());
                a.put("options", m.options());
                payload(a, m.payload());
            }
        }
        return a;
    }

    private static void payload(Map<String, Object> a, Payload p) {
        a.put("args", p.args());
        a.put("kwargs", p.kwargs());
        a.put("payload", p.transparent());
    }

    private static void publication(Map<String, Object> a, long id) {
        a.put("publication", id);
        a.put("publication_id", id);
    }

    private static void subscription(Map<String, Object> a, long id) {
        a.put("subscription", id);
        a.put("subscription_id", id);
    }

    private static void registration(Map<String, Object> a, long id) {
        a.put("registration", id);
        a.put("registration_id", id);
    }

    /** The comparable form of an attribute value. */
    static Object normalize(String attribute, Object value) {
        Object v = normalize(value);
        if ((attribute.equals("args") || attribute.equals("kwargs"))
                && (v instanceof List<?> l && l.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty())) {
            return null;
        }
        return v;
    }

    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> HexFormat.of().formatHex(bytes);
            case BigDecimal d -> d.stripTrailingZeros();
            case BigInteger b -> new BigDecimal(b).stripTrailingZeros();
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros();
            case Float f -> BigDecimal.valueOf(f).stripTrailingZeros();
            case Number n -> BigDecimal.valueOf(n.longValue()).stripTrailingZeros();
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object o : list) out.add(normalize(o));
                yield out;
            }
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, normalize(v)));
                yield out;
            }
            default -> value;
        };
    }
}
