package io.vakt.graphql.ws;

import io.vakt.graphql.live.GroupMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.BitSet;
import java.util.concurrent.Executor;

/**
 * One operation of a connection, from {@code start}/{@code subscribe} to its end. As a subscription it is a
 * member of a subscription group and wraps the group's shared payloads in its own envelope. All state
 * changes happen on the connection's thread.
 */
final class Operation implements GroupMember {
    private static final Logger log = LoggerFactory.getLogger(Operation.class);

    enum State { PREPARING, LIVE, DONE }

    final String id;
    private final long number;
    private final byte[] envelope;
    private final Outbox outbox;
    private final Executor executor;
    private final BitSet oneShotsSent = new BitSet();
    private State state = State.PREPARING;
    private AutoCloseable membership;

    Operation(String id, long number, String dataMessageType, Outbox outbox, Executor executor) {
        this.id = id;
        this.number = number;
        this.envelope = MessageCodec.envelopePrefix(id, dataMessageType);
        this.outbox = outbox;
        this.executor = executor;
    }

    State state() { return state; }

    @Override
    public Executor executor() { return executor; }

    @Override
    public void deliver(int element, byte[] payload, boolean oneShot) {
        if (state == State.DONE) return;
        if (oneShot) {
            if (oneShotsSent.get(element)) return;
            oneShotsSent.set(element);
        }
        outbox.offer(Outbox.key(number, element), envelope, payload);
    }

    /** The subscription is running; if the operation ended meanwhile, leave the group at once. */
    void live(AutoCloseable membership) {
        if (state == State.DONE) {
            closeQuietly(membership);
            return;
        }
        this.membership = membership;
        state = State.LIVE;
    }

    /** Ends the operation: leaves its group and forgets values not yet sent. */
    void end() {
        if (state == State.DONE) return;
        state = State.DONE;
        outbox.drop(number);
        if (membership != null) {
            closeQuietly(membership);
            membership = null;
        }
    }

    private void closeQuietly(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            log.warn("Leaving the subscription group of operation {} failed: {}", id, e.toString());
        }
    }
}
