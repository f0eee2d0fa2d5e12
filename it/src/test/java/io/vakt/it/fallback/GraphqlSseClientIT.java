package io.vakt.it.fallback;

import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GraphQL over Server-Sent Events with the real graphql-sse 2.6.0 client, in single connection mode (what the web
 * runtime uses) and distinct connections mode (the client's default), next to a graphql-ws WebSocket client:
 * all three see the demo's live values, including a value written meanwhile; a bad token is refused in
 * graphql-sse's terms; and the server forgets every stream once the client has gone.
 */
class GraphqlSseClientIT {
    private static final String SUBSCRIPTION =
            "subscription($p: String!) { data(path: $p) { value path technicalAddress type timeStamp } }";
    private static final String SYSTEM_AIR = b64("Landskrona.SystemAir.File");
    /** {@code SupplySetpoint} of SystemAir: writable, range 14–26. */
    private static final String SETPOINT_ELEMENT = "Cwl.Advise.A[2]";
    private static final String SETPOINT_ADDRESS = "AHU1.GT11_SP";
    private static final String SET_DATA =
            "mutation($n: String, $p: String, $v: String) { setData(nodePath: $n, path: $p, value: $v) }";
    private static final List<String> CLIENTS = List.of("sse-single", "sse-distinct", "ws");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmbeddedServer server;

    @BeforeEach
    void start() {
        NodeScript.assumeInstalled("graphql-sse", "graphql-ws", "ws");
        server = EmbeddedServer.start();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static String b64(String text) { return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void fallbackAndWebSocketClientsSeeTheSameLiveValues() {
        String token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
        try (NodeScript clients = NodeScript.start("fallback-graphql.mjs", Map.of(
                "streamUrl", server.apiUrl() + "/graphql/stream", "wsUrl", server.graphqlWsUrl(), "token", token,
                "badToken", "not-a-token", "query", SUBSCRIPTION, "variables", Map.of("p", SYSTEM_AIR),
                "watch", SETPOINT_ADDRESS, "timeoutMs", 60000))) {
            for (String client : CLIENTS) clients.await(client + "'s first value", NodeScript.is("value", "client", client), WAIT);
            // two graphql-sse sessions and the bad-token attempts are the only fallback sessions
            assertThat(server.server().fallbackSessions()).isEqualTo(2);

            String written = "21.5";
            JsonNode answer = server.api().graphql(token, SET_DATA, Map.of("n", SYSTEM_AIR, "p", SETPOINT_ELEMENT, "v", written));
            assertThat(answer.path("errors").isMissingNode()).as("setData %s", answer).isTrue();
            for (String client : CLIENTS) {
                clients.await(client + " seeing " + written, event -> "value".equals(event.path("type").asString())
                        && client.equals(event.path("client").asString())
                        && event.path("value").asDouble() == 21.5, WAIT);
            }

            for (String client : List.of("sse-single-bad", "sse-distinct-bad")) {
                JsonNode refused = clients.await(client + " refused", NodeScript.is("refused", "client", client), WAIT);
                assertThat(refused.path("message").asString()).as(clients.report()).contains("401");
            }
            assertThat(clients.events(event -> "unexpected".equals(event.path("type").asString())))
                    .as(clients.report()).isEmpty();
        }
        // the client process is gone: its streams closed, so the server dropped their sessions
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().fallbackSessions() == 0);
        assertThat(server.server().openSessions()).isZero();
    }
}
