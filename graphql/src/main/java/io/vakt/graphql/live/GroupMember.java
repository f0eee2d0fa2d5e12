package io.vakt.graphql.live;

import java.util.concurrent.Executor;

/**
 * One subscription inside a group: a GraphQL WebSocket operation. The group calls {@link #deliver} on the
 * member's own {@link #executor()} (its connection's event loop), one task per executor per update.
 */
public interface GroupMember {
    Executor executor();

    /**
     * Hands over the serialized payload of element {@code element}. {@code oneShot} elements are to be sent
     * once per member and then ignored (spec §5.4: bindings without {@code *}).
     */
    void deliver(int element, byte[] payload, boolean oneShot);
}
