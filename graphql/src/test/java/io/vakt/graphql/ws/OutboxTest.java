package io.vakt.graphql.ws;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Latest value wins per (operation, element) while a slow client's socket is full. */
class OutboxTest {
    private static final byte[] OP1 = MessageCodec.envelopePrefix("1", "next");
    private static final byte[] OP2 = MessageCodec.envelopePrefix("2", "next");

    private final FakeTransport transport = new FakeTransport();
    private final WsStats stats = new WsStats();
    private final Outbox outbox = new Outbox(transport, stats);

    private static byte[] value(Object v) { return ("{\"v\":" + v + "}").getBytes(StandardCharsets.UTF_8); }

    private void offer(int operation, int element, Object v) {
        outbox.offer(Outbox.key(operation, element), operation == 1 ? OP1 : OP2, value(v));
    }

    private static String frame(int operation, Object v) {
        return "{\"id\":\"" + operation + "\",\"type\":\"next\",\"payload\":{\"v\":" + v + "}}";
    }

    @Test
    void writesAtOnceWhileTheSocketKeepsUp() {
        offer(1, 0, 1);
        offer(1, 0, 2);
        assertThat(transport.frames()).containsExactly(frame(1, 1), frame(1, 2));
        assertThat(transport.sharedFrames()).isEqualTo(2);
        assertThat(transport.drainRegistrations()).isZero();
        assertThat(stats.framesOut()).isEqualTo(2);
    }

    @Test
    void keepsOnlyTheLatestValuePerOperationAndElementWhileTheQueueIsFull() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        offer(1, 0, 2);
        offer(1, 0, 3);
        offer(2, 0, 10);
        assertThat(transport.frames()).isEmpty();
        transport.setWriteQueueFull(false);
        transport.fireDrain();
        assertThat(transport.frames()).containsExactly(frame(1, 3), frame(2, 10));
    }

    @Test
    void keepsTheOrderInWhichKeysFirstWaited() {
        transport.setWriteQueueFull(true);
        offer(1, 5, "a1");
        offer(1, 2, "b1");
        offer(2, 5, "c1");
        offer(1, 5, "a2");
        transport.setWriteQueueFull(false);
        transport.fireDrain();
        assertThat(transport.frames()).containsExactly(frame(1, "a2"), frame(1, "b1"), frame(2, "c1"));
    }

    @Test
    void countsEveryReplacementAsConflated() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        offer(1, 0, 2);
        offer(1, 0, 3);
        offer(1, 1, 1);
        assertThat(stats.conflated()).isEqualTo(2);
    }

    @Test
    void armsTheDrainCallbackOnce() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        offer(1, 1, 1);
        offer(2, 0, 1);
        assertThat(transport.drainRegistrations()).isEqualTo(1);
    }

    @Test
    void drainFlushesOnlyWhileWritableAndRearmsWhenTheQueueFillsAgain() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        offer(1, 1, 2);
        offer(1, 2, 3);
        transport.setWriteQueueFull(false);
        transport.fillQueueAfter(1);
        transport.fireDrain();
        assertThat(transport.frames()).containsExactly(frame(1, 1));
        assertThat(transport.drainRegistrations()).isEqualTo(2);
        assertThat(transport.pendingDrainCallbacks()).isEqualTo(1);

        transport.setWriteQueueFull(false);
        transport.fireDrain();
        assertThat(transport.frames()).containsExactly(frame(1, 1), frame(1, 2), frame(1, 3));
        assertThat(transport.pendingDrainCallbacks()).isZero();
    }

    @Test
    void drainWhileStillFullSendsNothingAndRearms() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        transport.fireDrain();
        assertThat(transport.frames()).isEmpty();
        assertThat(transport.pendingDrainCallbacks()).isEqualTo(1);
    }

    @Test
    void queuesBehindWaitingValuesEvenOnceTheSocketIsWritableAgain() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        transport.setWriteQueueFull(false);
        offer(1, 1, 2);
        assertThat(transport.frames()).isEmpty();
        transport.fireDrain();
        assertThat(transport.frames()).containsExactly(frame(1, 1), frame(1, 2));
    }

    @Test
    void dropForgetsTheWaitingValuesOfAnEndedOperationOnly() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        offer(2, 0, 2);
        offer(1, 7, 3);
        outbox.drop(1);
        transport.setWriteQueueFull(false);
        transport.fireDrain();
        assertThat(transport.frames()).containsExactly(frame(2, 2));
    }

    @Test
    void sendsAtOnceAgainWhenDropEmptiedTheQueue() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        outbox.drop(1);
        transport.setWriteQueueFull(false);
        offer(2, 0, 2);
        assertThat(transport.frames()).containsExactly(frame(2, 2));
    }

    @Test
    void clearForgetsEverythingWaiting() {
        transport.setWriteQueueFull(true);
        offer(1, 0, 1);
        offer(2, 0, 2);
        outbox.clear();
        transport.setWriteQueueFull(false);
        transport.fireDrain();
        assertThat(transport.frames()).isEmpty();
    }

    @Test
    void keysOfDifferentOperationsAndElementsNeverCollide() {
        assertThat(Outbox.key(1, 0)).isNotEqualTo(Outbox.key(0, 1));
        assertThat(Outbox.key(1, 0xFF_FFFF)).isNotEqualTo(Outbox.key(2, 0));
        assertThat(Outbox.key(1L << 30, 3) >>> 24).isEqualTo(1L << 30);
    }
}
