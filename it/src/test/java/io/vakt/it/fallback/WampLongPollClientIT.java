package io.vakt.it.fallback;

import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WAMP over HTTP long-poll with AutobahnJS 22.11.1's own {@code longpoll} transport: ticket authentication, a
 * ServerSideFunction call ({@code ssf.execute}) and {@code ssf.info}, events in both directions between a
 * long-poll session and a WebSocket session, a bad ticket refused, and the transport gone after close.
 */
class WampLongPollClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private EmbeddedServer server;

    @BeforeEach
    void start() {
        NodeScript.assumeInstalled("autobahn", "xhr2");
        server = EmbeddedServer.start();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void autobahnJoinsCallsAndReceivesEventsOverLongPoll() {
        String token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
        int before = server.server().wampSessions();
        try (NodeScript client = NodeScript.start("fallback-wamp.mjs", Map.of(
                "longpollUrl", server.apiUrl() + "/wamp/longpoll", "wsUrl", server.wampUrl(),
                "username", EmbeddedServer.ADMIN, "token", token, "account", "demo",
                "overviewPath", Base64.getEncoder().encodeToString("Landskrona.Ventilation.Overview.File".getBytes(StandardCharsets.UTF_8)),
                "timeoutMs", 60000))) {
            JsonNode joined = client.await("long-poll WELCOME", NodeScript.is("joined", "label", "longpoll"), WAIT);
            assertThat(joined.path("authid").asString()).isEqualTo(EmbeddedServer.ADMIN);
            assertThat(joined.path("transport").asString()).isEqualTo("longpoll");

            JsonNode info = client.await("ssf.info", NodeScript.is("result", "what", "info"), WAIT);
            assertThat(info.toString()).as(client.report()).contains("ssf");
            JsonNode add = client.await("ssf.execute add", NodeScript.is("result", "what", "add"), WAIT);
            assertThat(add.toString()).as(client.report()).contains("5");

            JsonNode overLongPoll = client.await("event over long-poll", NodeScript.is("event", "label", "longpoll"), WAIT);
            assertThat(overLongPoll.path("args").get(0).asString()).isEqualTo("from-websocket");
            JsonNode overWebSocket = client.await("event over WebSocket", NodeScript.is("event", "label", "websocket"), WAIT);
            assertThat(overWebSocket.path("args").get(0).asString()).isEqualTo("from-longpoll");

            client.await("long-poll close", NodeScript.is("closed", "label", "longpoll"), WAIT);
            JsonNode refused = client.await("bad ticket refused", NodeScript.is("refused", "label", "longpoll-bad"), WAIT);
            assertThat(refused.path("wampReason").asString()).as(client.report()).isEqualTo("wamp.error.authentication_failed");
            client.await("the end", event -> "finished".equals(event.path("type").asString()), WAIT);
            assertThat(client.events(event -> "unexpected".equals(event.path("type").asString()))).as(client.report()).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().wampSessions() == before);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().fallbackSessions() == 0);
    }
}
