package io.vakt.wamp.serializer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Publish;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry, the per-format facts the transport relies on, and what encoding refuses. */
class SerializersTest {

    @Test
    void subprotocolsInPreferenceOrderResolveToTheirSerializers() {
        assertThat(Serializers.SUBPROTOCOLS).containsExactly("wamp.2.json", "wamp.2.msgpack", "wamp.2.cbor");
        for (String name : Serializers.SUBPROTOCOLS) {
            assertThat(Serializers.forSubprotocol(name)).get().extracting(Serializer::subprotocol).isEqualTo(name);
        }
        assertThat(Serializers.forSubprotocol("wamp.2.json")).containsSame(Serializers.JSON);
        assertThat(Serializers.forSubprotocol("wamp.2.msgpack")).containsSame(Serializers.MSGPACK);
        assertThat(Serializers.forSubprotocol("wamp.2.cbor")).containsSame(Serializers.CBOR);
        assertThat(Serializers.forSubprotocol("wamp.2.ubjson")).isEmpty();
        assertThat(Serializers.forSubprotocol("WAMP.2.JSON")).isEmpty();
        assertThat(Serializers.forSubprotocol(null)).isEmpty();
    }

    @Test
    void framesAndIndexesPerFormat() {
        assertThat(Serializers.JSON.binary()).isFalse();
        assertThat(Serializers.MSGPACK.binary()).isTrue();
        assertThat(Serializers.CBOR.binary()).isTrue();
        assertThat(List.of(Serializers.JSON.index(), Serializers.MSGPACK.index(), Serializers.CBOR.index()))
                .containsExactly(0, 1, 2);
    }

    @Test
    void rejectsEncodingNonStringMapKeys() {
        Map<Object, Object> kwargs = new HashMap<>();
        kwargs.put(1, "x");
        for (ValueSerializer s : List.of(Serializers.JSON, Serializers.MSGPACK, Serializers.CBOR)) {
            assertThatThrownBy(() -> s.encodeArray(List.of(50L, 1L, Map.of(), List.of(), kwargs)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("map keys must be strings");
        }
    }

    @Test
    void rejectsEncodingValuesOutsideTheValueModel() {
        for (ValueSerializer s : List.of(Serializers.JSON, Serializers.MSGPACK, Serializers.CBOR)) {
            assertThatThrownBy(() -> s.encode(new Call(1, Map.of(), "p", Payload.of(List.of(new Object())))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot encode");
        }
        assertThatThrownBy(() -> Serializers.MSGPACK.encodeArray(List.of(BigInteger.TWO.pow(64))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesJsonCompactlyWithUnescapedSlashes() {
        byte[] bytes = Serializers.JSON.encode(new Publish(1, Map.of(), "a/b", Payload.of(List.of("ü"))));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("[16,1,{},\"a/b\",[\"ü\"]]");
    }
}
