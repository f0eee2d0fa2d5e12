package io.vakt.graphql.ws;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** One operation as a subscription-group member: its envelope, one-shot bookkeeping and its end. */
class OperationTest {
    private final FakeTransport transport = new FakeTransport();
    private final Outbox outbox = new Outbox(transport, new WsStats());
    private final Operation operation = new Operation("op", 1, "next", outbox, transport.executor());

    private static byte[] payload(int v) { return ("{\"v\":" + v + "}").getBytes(StandardCharsets.UTF_8); }

    @Test
    void wrapsSharedPayloadsInItsOwnEnvelope() {
        operation.deliver(0, payload(1), false);
        assertThat(transport.frames()).containsExactly("{\"id\":\"op\",\"type\":\"next\",\"payload\":{\"v\":1}}");
    }

    @Test
    void deliversAOneShotElementOnce() {
        operation.deliver(3, payload(1), true);
        operation.deliver(3, payload(2), true);
        operation.deliver(4, payload(3), true);
        operation.deliver(3, payload(4), false);
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"op\",\"type\":\"next\",\"payload\":{\"v\":1}}",
                "{\"id\":\"op\",\"type\":\"next\",\"payload\":{\"v\":3}}",
                "{\"id\":\"op\",\"type\":\"next\",\"payload\":{\"v\":4}}");
    }

    @Test
    void deliversNothingOnceEnded() {
        operation.end();
        operation.deliver(0, payload(1), false);
        assertThat(transport.frames()).isEmpty();
    }

    @Test
    void endDropsItsWaitingValuesAndLeavesTheGroup() {
        ScriptedOperations.Handle membership = new ScriptedOperations.Handle();
        operation.live(membership);
        transport.setWriteQueueFull(true);
        operation.deliver(0, payload(1), false);
        operation.end();
        operation.end();
        transport.setWriteQueueFull(false);
        transport.fireDrain();
        assertThat(transport.frames()).isEmpty();
        assertThat(membership.closes).isEqualTo(1);
        assertThat(operation.state()).isEqualTo(Operation.State.DONE);
    }

    @Test
    void membershipArrivingAfterTheEndIsClosedAtOnce() {
        operation.end();
        ScriptedOperations.Handle membership = new ScriptedOperations.Handle();
        operation.live(membership);
        assertThat(membership.closes).isEqualTo(1);
        assertThat(operation.state()).isEqualTo(Operation.State.DONE);
    }
}
