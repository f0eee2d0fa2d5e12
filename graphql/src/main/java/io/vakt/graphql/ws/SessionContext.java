package io.vakt.graphql.ws;

import io.vakt.core.access.TokenVerifier;

import java.time.Clock;

/** What every GraphQL WebSocket session is built from; one object so sessions' constructors stay small. */
public record SessionContext(WsTransport transport, WsConfig config, TokenVerifier tokens, OperationExecutor operations,
                             WsStats stats, Clock clock) {
}
