package io.vakt.graphql.ws;

import java.util.Map;

/**
 * Client messages of the legacy Apollo protocol, subprotocol {@code graphql-ws}
 * (subscriptions-transport-ws PROTOCOL.md, spec §6).
 */
public sealed interface LegacyMessage {
    record ConnectionInit(Map<String, Object> payload) implements LegacyMessage {}

    record Start(String id, OperationPayload payload) implements LegacyMessage {}

    record Stop(String id) implements LegacyMessage {}

    record ConnectionTerminate() implements LegacyMessage {}

    /** A JSON object with a {@code type} this protocol does not know; {@code id} may be null. */
    record Unknown(String id, String type) implements LegacyMessage {}
}
