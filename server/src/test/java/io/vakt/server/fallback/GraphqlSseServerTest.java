package io.vakt.server.fallback;

import io.vakt.server.config.VaktConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GraphQL over Server-Sent Events against a real server, over real sockets, in both graphql-sse modes. */
class GraphqlSseServerTest {
    private static final String SUBSCRIPTION =
            "subscription($p: String!) { data(path: $p) { value path technicalAddress type timeStamp } }";
    private static final String SYSTEM_AIR = Base64.getEncoder()
            .encodeToString("Landskrona.SystemAir.File".getBytes(StandardCharsets.UTF_8));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static FallbackServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = FallbackServer.start(config -> config.withFallback(
                new VaktConfig.Fallback(true, Duration.ofSeconds(20), Duration.ofSeconds(2))));
        token = server.adminToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String body(String operationId) {
        return FallbackServer.JSON.writeValueAsString(Map.of("query", SUBSCRIPTION, "variables", Map.of("p", SYSTEM_AIR),
                "extensions", Map.of("operationId", operationId)));
    }

    private static String reserve() {
        HttpResponse<String> reserved = FallbackServer.send(server.request("/graphql/stream")
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(reserved.statusCode()).isEqualTo(201);
        assertThat(reserved.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return reserved.body();
    }

    private static EventStream open(String streamToken) throws Exception {
        HttpResponse<InputStream> stream = FallbackServer.HTTP.send(server.request("/graphql/stream")
                .header("X-GraphQL-Event-Stream-Token", streamToken).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        return new EventStream(stream.body());
    }

    private static HttpResponse<String> post(String streamToken, String json) {
        return FallbackServer.send(server.request("/graphql/stream").header("X-GraphQL-Event-Stream-Token", streamToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void singleConnectionStreamsLiveValuesUntilDeleted() throws Exception {
        String streamToken = reserve();
        assertThat(streamToken).matches("[A-Za-z0-9_-]{43}");
        try (EventStream events = open(streamToken)) {
            assertThat(post(streamToken, body("op-1")).statusCode()).isEqualTo(202);
            EventStream.Event first = events.next(WAIT);
            assertThat(first.event()).isEqualTo("next");
            JsonNode data = FallbackServer.json(first.data());
            assertThat(data.get("id").asString()).isEqualTo("op-1");
            assertThat(data.has("type")).as("graphql-sse events carry id and payload only").isFalse();
            assertThat(data.at("/payload/data/data/path").asString()).isNotEmpty();

            HttpResponse<String> duplicate = post(streamToken, body("op-1"));
            assertThat(duplicate.statusCode()).isEqualTo(409);
            assertThat(duplicate.body()).contains("op-1");

            HttpResponse<String> stopped = FallbackServer.send(server.request("/graphql/stream?operationId=op-1")
                    .header("X-GraphQL-Event-Stream-Token", streamToken).DELETE().build());
            assertThat(stopped.statusCode()).isEqualTo(200);
            // the same id may be used again once stopped, and a query completes after its one result
            assertThat(post(streamToken, FallbackServer.JSON.writeValueAsString(Map.of("query", "{ __typename }",
                    "extensions", Map.of("operationId", "q")))).statusCode()).isEqualTo(202);
            EventStream.Event result;
            do {
                result = events.next(WAIT);
            } while (!result.data().contains("\"q\""));
            assertThat(result.event()).isEqualTo("next");
            assertThat(FallbackServer.json(result.data()).at("/payload/data/__typename").asString()).isEqualTo("Query");
            EventStream.Event complete = events.next(WAIT);
            assertThat(complete.event()).isEqualTo("complete");
            assertThat(FallbackServer.json(complete.data()).get("id").asString()).isEqualTo("q");
        }
        await().atMost(WAIT).until(() -> server.server.fallbackSessions() == 0);
        assertThat(post(streamToken, body("late")).statusCode()).as("the stream closed, so the reservation ended").isEqualTo(404);
    }

    @Test
    void refusesBadTokensAndBadRequestsInHttpTerms() throws Exception {
        HttpResponse<String> forged = FallbackServer.send(server.request("/graphql/stream")
                .header("Authorization", "Bearer not-a-token").PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(FallbackServer.json(forged.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> none = FallbackServer.send(server.request("/graphql/stream")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("Authorization: Bearer");

        String streamToken = reserve();
        assertThat(post(streamToken, "[1,2]").statusCode()).isEqualTo(400);
        assertThat(post(streamToken, "{\"query\": \"{ __typename }\"}").body()).contains("operationId");
        assertThat(post("unknown-token", body("x")).statusCode()).isEqualTo(404);
        HttpResponse<String> second;
        try (EventStream ignored = open(streamToken)) {
            second = FallbackServer.send(server.request("/graphql/stream?token=" + streamToken).GET().build());
        }
        assertThat(second.statusCode()).isEqualTo(409);

        HttpResponse<String> patch = FallbackServer.send(server.request("/graphql/stream")
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(patch.statusCode()).isEqualTo(405);
        assertThat(patch.headers().firstValue("Allow")).hasValue("GET, POST, PUT, DELETE");
    }

    @Test
    void dropsReservationsNeverOpened() {
        String streamToken = reserve();
        // fallback.sessionTimeout is 2 s here
        // probing with DELETE: a GET would open the stream and so keep the reservation
        await().atMost(WAIT).until(() -> FallbackServer.send(server.request("/graphql/stream?operationId=probe")
                .header("X-GraphQL-Event-Stream-Token", streamToken).DELETE().build()).statusCode() == 404);
    }

    @Test
    void distinctConnectionsStreamOneOperation() throws Exception {
        HttpResponse<InputStream> response = FallbackServer.HTTP.send(server.request("/graphql/stream")
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FallbackServer.JSON.writeValueAsString(
                        Map.of("query", SUBSCRIPTION, "variables", Map.of("p", SYSTEM_AIR))))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (EventStream events = new EventStream(response.body())) {
            EventStream.Event first = events.next(WAIT);
            assertThat(first.event()).isEqualTo("next");
            assertThat(FallbackServer.json(first.data()).at("/data/data/path").asString()).isNotEmpty();
        }

        HttpResponse<InputStream> invalid = FallbackServer.HTTP.send(server.request("/graphql/stream")
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"subscription { nope }\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (EventStream events = new EventStream(invalid.body())) {
            EventStream.Event errors = events.next(WAIT);
            assertThat(errors.event()).isEqualTo("next");
            assertThat(FallbackServer.json(errors.data()).get("errors").isArray()).isTrue();
            assertThat(events.next(WAIT).event()).isEqualTo("complete");
            assertThat(events.next(WAIT)).as("the stream ends with its operation").isEqualTo(EventStream.END);
        }
    }

    /** nginx talks HTTP/1.0 to upstreams unless told otherwise: the stream must still flow (no chunked encoding). */
    @Test
    void streamsToHttp10ClientsLikeAProxyWithDefaultSettings() throws Exception {
        String streamToken = reserve();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /arrigo/api/graphql/stream?token=" + streamToken + " HTTP/1.0\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("HTTP/1.0 200");
            String line;
            StringBuilder head = new StringBuilder();
            while (!(line = reader.readLine()).isEmpty()) head.append(line).append('\n');
            assertThat(head.toString().toLowerCase(java.util.Locale.ROOT)).doesNotContain("transfer-encoding: chunked");
            assertThat(post(streamToken, body("old-proxy")).statusCode()).isEqualTo(202);
            String first;
            do {
                first = reader.readLine();
            } while (first.isEmpty() || first.startsWith(":"));
            assertThat(first).isEqualTo("event: next");
            assertThat(reader.readLine()).startsWith("data: {\"id\":\"old-proxy\"");
        }
    }

    @Test
    void keepAliveCommentsFlowOnQuietStreams() throws Exception {
        try (FallbackServer quick = FallbackServer.start(config -> config.withWebSocket(new VaktConfig.WebSocket(
                Duration.ofMillis(200), config.webSocket().compression(), config.webSocket().writeQueueHighWaterBytes())))) {
            String admin = quick.adminToken();
            String streamToken = FallbackServer.send(quick.request("/graphql/stream").header("Authorization", "Bearer " + admin)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build()).body();
            HttpResponse<InputStream> stream = FallbackServer.HTTP.send(quick.request("/graphql/stream?token=" + streamToken)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (EventStream events = new EventStream(stream.body())) {
                await().atMost(WAIT).until(() -> events.comments() >= 2);
            }
        }
    }
}
