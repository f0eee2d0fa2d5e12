package io.vakt.it.proxy;

import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code X-Forwarded-For} is believed only from a trusted proxy (issue 6; {@code proxy.trusted}, by default
 * 127.0.0.1 and ::1), observed through {@code GET /arrigo/api/diagnostics}. The client connects from 127.0.0.2,
 * which is not trusted: directly, its header is ignored; through the real nginx on 127.0.0.1, the address is the
 * one nginx saw, whatever the client wrote into its own header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardedForIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNTRUSTED_CLIENT = "127.0.0.2";
    private static final String SPOOFED = "203.0.113.66";
    private EmbeddedServer vakt;

    @BeforeAll
    void startVakt() { vakt = EmbeddedServer.start(); }

    @AfterAll
    void stopVakt() { if (vakt != null) vakt.close(); }

    @Test
    void aForwardedForHeaderFromAnUntrustedClientIsIgnored() {
        JsonNode client = diagnostics(vakt.port(), "X-Forwarded-For", SPOOFED).path("client");
        assertThat(client.path("address").asString()).isEqualTo(UNTRUSTED_CLIENT);
        assertThat(client.path("peer").asString()).isEqualTo(UNTRUSTED_CLIENT);
        assertThat(client.path("viaTrustedProxy").asBoolean()).isFalse();
        assertThat(client.path("untrustedForwardedHeaders").asBoolean()).isTrue();
    }

    @Test
    void throughTheTrustedNginxTheAddressIsTheOneNginxSawNotTheClientsOwnHeader(@TempDir Path dir) {
        try (Nginx nginx = Nginx.start(dir, Nginx.SEED, vakt.port())) {
            JsonNode answer = diagnostics(nginx.port(), "X-Forwarded-For", SPOOFED);
            JsonNode client = answer.path("client");
            assertThat(client.path("address").asString()).as(answer.toString()).isEqualTo(UNTRUSTED_CLIENT);
            assertThat(client.path("peer").asString()).isEqualTo("127.0.0.1");
            assertThat(client.path("viaTrustedProxy").asBoolean()).isTrue();
            // nginx appended what it saw to what the client sent: the spoofed entry is kept for the record only
            assertThat(answer.path("request").path("forwardedHeaders").path("X-Forwarded-For").asString())
                    .isEqualTo(SPOOFED + ", " + UNTRUSTED_CLIENT);
        }
    }

    @Test
    void throughTheTrustedNginxWithoutAnyClientHeaderTheAddressIsTheClients(@TempDir Path dir) {
        try (Nginx nginx = Nginx.start(dir, Nginx.SEED, vakt.port())) {
            JsonNode client = diagnostics(nginx.port()).path("client");
            assertThat(client.path("address").asString()).isEqualTo(UNTRUSTED_CLIENT);
            assertThat(client.path("untrustedForwardedHeaders").asBoolean()).isFalse();
        }
    }

    private static JsonNode diagnostics(int port, String... headers) {
        ProxyHttp.RawResponse response = ProxyHttp.getFrom(UNTRUSTED_CLIENT, port, "/arrigo/api/diagnostics", headers);
        assertThat(response.status()).as(response.head() + "\n" + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
