package io.vakt.it;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios of {@link ClientLibraryScenarios} driven by {@code subscriptions-transport-ws@0.11.0}, the
 * legacy {@code graphql-ws} subprotocol that ArrigoLocal clients speak (spec §6; checklist 35, 36, 40, 44–46).
 */
class LegacyProtocolIT extends ClientLibraryScenarios {
    @Override
    String script() { return "legacy-client.mjs"; }

    @Override
    String subprotocol() { return "graphql-ws"; }

    /** 46: the legacy payload is one error object. */
    @Override
    void assertExpiryErrorPayload(JsonNode payload) {
        assertThat(payload.isObject()).as("legacy error payload is an object: %s", payload).isTrue();
        assertThat(payload.path("message").stringValue()).isEqualTo("INVALID_AUTH_TOKEN");
    }
}
