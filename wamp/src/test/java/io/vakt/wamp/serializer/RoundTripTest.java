package io.vakt.wamp.serializer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message type survives every serializer unchanged, binary values, big ids and unicode included. */
class RoundTripTest {
    private static final long MAX_ID = 1L << 53;
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
    private static final byte[] BINARY = {0, 1, 2, (byte) 0xff, (byte) 0x80, 0x7f, '"', '\\'};

    static List<WampMessage> samples() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("token", "Ω≈ç√∫ – 日本語 – 😀");
        kwargs.put("blob", BINARY);
        kwargs.put("nested", List.of(Map.of("bin", new byte[0]), List.of(BINARY)));
        kwargs.put("big", UINT64_MAX);
        kwargs.put("min", Long.MIN_VALUE);
        kwargs.put("pi", 3.141592653589793);
        kwargs.put("none", null);
        kwargs.put("flag", false);
        List<Object> args = new ArrayList<>(List.of(1L, -1L, "x", true, 2.5, BINARY, List.of(), Map.of()));
        args.add(null);
        Payload full = Payload.of(args, kwargs);
        Map<String, Object> roles = Map.of("caller", Map.of(), "callee", Map.of("features", Map.of("progressive_call_results", true)));
        return List.of(
                new Hello("realm1", Map.of("roles", roles, "authmethods", List.of("anonymous"), "authid", "eyJhbGciOi…")),
                new Welcome(MAX_ID, Map.of("roles", Map.of("broker", Map.of(), "dealer", Map.of()), "authrole", "user")),
                new Abort(Map.of("message", "no such realm"), "wamp.error.no_such_realm"),
                new Challenge("wampcra", Map.of("challenge", "{\"nonce\": 1}", "salt", BINARY)),
                new Authenticate("gir1mSx+deCDUV7FgLvsQNTi6n3W/Z/WcZ/OT9RwdZY=", Map.of()),
                new Goodbye(Map.of(), "wamp.close.normal"),
                new WampMessage.Error(Call.CODE, 7, Map.of(), "wamp.error.runtime_error", full),
                new Publish(MAX_ID, Map.of("acknowledge", true, "exclude", List.of(1L, MAX_ID)), "com.example.topic", full),
                new Publish(1, Map.of("enc_algo", "cryptobox", "enc_serializer", "cbor"), "com.example.e2e",
                        Payload.transparent(BINARY)),
                new Published(2, MAX_ID),
                new Subscribe(3, Map.of("match", "prefix"), "com.example."),
                new Subscribed(3, 1),
                new Unsubscribe(4, MAX_ID),
                new Unsubscribed(4, Map.of()),
                new Unsubscribed(0, Map.of("subscription", 5L, "reason", "wamp.error.revoked")),
                new Event(MAX_ID, 0, Map.of("publisher", 12L, "topic", "a.b"), Payload.of(List.of("unicode ✓"))),
                new Event(1, 2, Map.of("ppt_scheme", "x_custom", "ppt_serializer", "native"),
                        Payload.transparent(List.of(BINARY))),
                new EventReceived(MAX_ID),
                new Call(5, Map.of("receive_progress", true, "timeout", 1000L), "accounts.demo.services.ssf.execute",
                        Payload.of(List.of(), Map.of("callmeta", Map.of("token", "key")))),
                new Cancel(5, Map.of("mode", "killnowait")),
                new Result(5, Map.of("progress", true), Payload.of(List.of(BINARY))),
                new Register(6, Map.of("invoke", "roundrobin", "disclose_caller", true), "com.example.proc"),
                new Registered(6, MAX_ID),
                new Unregister(7, 99),
                new Unregistered(7, Map.of()),
                new Unregistered(0, Map.of("registration", 99L, "reason", "wamp.error.revoked")),
                new Invocation(8, 99, Map.of("caller", 42L, "caller_authid", "ü"), full),
                new Interrupt(8, Map.of("mode", "kill")),
                new Yield(8, Map.of(), Payload.EMPTY));
    }

    static Stream<Arguments> messagesPerSerializer() {
        return Stream.of(Serializers.JSON, Serializers.MSGPACK, Serializers.CBOR)
                .flatMap(s -> samples().stream().map(m -> Arguments.of(s.subprotocol(), m.getClass().getSimpleName(), s, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messagesPerSerializer")
    void roundTripsToAnEqualRecord(String subprotocol, String type, ValueSerializer serializer, WampMessage message) {
        WampMessage back = serializer.decode(serializer.encode(message));
        assertThat(deepEquals(back, message)).as("%s: %s came back as %s", subprotocol, message, back).isTrue();
    }

    @Test
    void samplesCoverEveryMessageType() {
        Set<Class<?>> covered = new HashSet<>();
        for (WampMessage m : samples()) covered.add(m.getClass());
        assertThat(covered).containsExactlyInAnyOrder(WampMessage.class.getPermittedSubclasses());
    }

    @Test
    void kwargsWithoutArgsTravelWithAnEmptyArgsList() {
        WampMessage call = new Call(1, Map.of(), "p", new Payload(null, Map.of("a", 1L), null));
        assertThat(MessageWriter.write(call)).containsExactly(48, 1L, Map.of(), "p", List.of(), Map.of("a", 1L));
        for (ValueSerializer s : List.of(Serializers.JSON, Serializers.MSGPACK, Serializers.CBOR)) {
            Call back = (Call) s.decode(s.encode(call));
            assertThat(back.payload().args()).isEmpty();
            assertThat(back.payload().kwargs()).isEqualTo(Map.of("a", 1L));
        }
    }

    @Test
    void emptyArgsAndKwargsAreLeftOutLikeAutobahn() {
        assertThat(MessageWriter.write(new Publish(1, Map.of(), "t", Payload.of(List.of(), Map.of()))))
                .containsExactly(16, 1L, Map.of(), "t");
        assertThat(MessageWriter.write(new Publish(1, Map.of(), "t", Payload.of(List.of("a"), Map.of()))))
                .containsExactly(16, 1L, Map.of(), "t", List.of("a"));
    }

    @Test
    void jsonCarriesBinaryAsNulPrefixedBase64() {
        byte[] json = Serializers.JSON.encode(new Result(1, Map.of(), Payload.of(List.of(new byte[]{1, 2, 3}))));
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("[50,1,{},[\"\\u0000AQID\"]]");
    }

    /** Structural equality that compares byte[] by content and numbers by integral value. */
    static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!deepEquals(x.get(i), y.get(i))) return false;
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) return false;
            for (Object k : x.keySet()) if (!deepEquals(x.get(k), y.get(k))) return false;
            return true;
        }
        if (a instanceof Record x && b instanceof Record y) {
            if (x.getClass() != y.getClass()) return false;
            try {
                for (RecordComponent c : x.getClass().getRecordComponents()) {
                    if (!deepEquals(c.getAccessor().invoke(x), c.getAccessor().invoke(y))) return false;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return true;
        }
        return java.util.Objects.equals(a, b);
    }
}
