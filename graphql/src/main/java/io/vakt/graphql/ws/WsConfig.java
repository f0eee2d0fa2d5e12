package io.vakt.graphql.ws;

import java.time.Duration;

/**
 * Settings of the GraphQL WebSocket endpoint (spec §6 decision).
 *
 * @param initTimeout         how long a client has to send {@code connection_init}
 * @param keepAliveInterval   legacy protocol: {@code ka} after {@code connection_ack}, then this often
 * @param maxOperations       active operations per connection
 * @param maxMessageBytes     largest text message accepted
 */
public record WsConfig(Duration initTimeout, Duration keepAliveInterval, int maxOperations, int maxMessageBytes) {
    public static WsConfig defaults() {
        return new WsConfig(Duration.ofSeconds(10), Duration.ofSeconds(10), 200, 256 * 1024);
    }
}
