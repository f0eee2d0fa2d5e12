package io.vakt.it;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios of {@link ClientLibraryScenarios} driven by {@code graphql-ws@6.4.2}, subprotocol
 * {@code graphql-transport-ws} (spec §6; checklist 35, 36, 47, 50, 51).
 */
class TransportWsProtocolIT extends ClientLibraryScenarios {
    @Override
    String script() { return "transport-ws-client.mjs"; }

    @Override
    String subprotocol() { return "graphql-transport-ws"; }

    /** 51: the graphql-transport-ws payload is an array of GraphQL errors. */
    @Override
    void assertExpiryErrorPayload(JsonNode payload) {
        assertThat(payload.isArray()).as("graphql-transport-ws error payload is an array: %s", payload).isTrue();
        assertThat(payload).hasSize(1);
        assertThat(payload.get(0).path("message").stringValue()).isEqualTo("INVALID_AUTH_TOKEN");
    }
}
