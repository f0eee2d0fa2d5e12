package io.vakt.graphql.ws;

import java.util.Map;

/**
 * Client messages of {@code graphql-transport-ws} (graphql-ws PROTOCOL.md, spec §6).
 */
public sealed interface TransportWsMessage {
    record ConnectionInit(Map<String, Object> payload) implements TransportWsMessage {}

    record Subscribe(String id, OperationPayload payload) implements TransportWsMessage {}

    record Complete(String id) implements TransportWsMessage {}

    record Ping(Object payload) implements TransportWsMessage {}

    record Pong(Object payload) implements TransportWsMessage {}
}
