package io.vakt.wamp.serializer;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Nothing a peer sends may escape the decoder as anything but a {@link ProtocolViolation}: valid encodings of
 * every message type, mutated (flipped, inserted, deleted, truncated bytes), must decode or be rejected cleanly.
 * Seeded, so a failure reproduces.
 */
class DecoderRobustnessTest {
    private static final int MUTATIONS_PER_MESSAGE = 400;

    static Stream<ValueSerializer> serializers() {
        return Stream.of(Serializers.JSON, Serializers.MSGPACK, Serializers.CBOR);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void decoderThrowsOnlyProtocolViolationOnMutatedInput(ValueSerializer serializer) {
        Random random = new Random(0x5eed + serializer.index());
        List<WampMessage> samples = RoundTripTest.samples();
        for (WampMessage message : samples) {
            byte[] valid = serializer.encode(message);
            for (int i = 0; i < MUTATIONS_PER_MESSAGE; i++) {
                byte[] mutated = mutate(valid, random);
                try {
                    serializer.decode(mutated);
                } catch (ProtocolViolation expected) {
                    // the only acceptable failure
                } catch (Throwable t) {
                    fail(serializer.subprotocol() + " threw " + t + " for " + Arrays.toString(mutated), t);
                }
            }
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                default -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
            }
        }
        return b;
    }
}
