package io.vakt.server.fallback;

import io.vakt.server.config.VaktConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** WAMP over HTTP long-poll against a real server and router, over real sockets. */
class WampLongPollServerTest {
    private static FallbackServer server;
    private static String token;

    @BeforeAll
    static void start() {
        // short waits so the empty-poll and idle-timeout cases run quickly
        server = FallbackServer.start(config -> config.withFallback(
                new VaktConfig.Fallback(true, Duration.ofMillis(500), Duration.ofSeconds(2))));
        token = server.adminToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static HttpResponse<String> post(String path, String body) {
        return FallbackServer.send(server.request("/wamp/longpoll" + path).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String open(String protocol) {
        HttpResponse<String> opened = post("/open", "{\"protocols\":[\"" + protocol + "\"]}");
        assertThat(opened.statusCode()).isEqualTo(200);
        JsonNode answer = FallbackServer.json(opened.body());
        assertThat(answer.get("protocol").asString()).isEqualTo(protocol);
        return answer.get("transport").asString();
    }

    /** Polls until a message arrives (204s are the empty case). */
    private static JsonNode receive(String transport) {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> received = post("/" + transport + "/receive", null);
            if (received.statusCode() == 200) return FallbackServer.json(received.body());
            assertThat(received.statusCode()).isEqualTo(204);
        }
        throw new AssertionError("no message");
    }

    private static String joinAsAdmin() {
        String transport = open("wamp.2.json");
        assertThat(transport).matches("[0-9a-f]{32}");
        assertThat(post("/" + transport + "/send",
                "[1,\"realm1\",{\"roles\":{\"caller\":{},\"subscriber\":{}},\"authmethods\":[\"ticket\"],\"authid\":\"admin\"}]")
                .statusCode()).isEqualTo(204);
        JsonNode challenge = receive(transport);
        assertThat(challenge.get(0).asInt()).isEqualTo(4);
        assertThat(post("/" + transport + "/send", "[5,\"" + token + "\",{}]").statusCode()).isEqualTo(204);
        JsonNode welcome = receive(transport);
        assertThat(welcome.get(0).asInt()).as("WELCOME: %s", welcome).isEqualTo(2);
        return transport;
    }

    @Test
    void joinsCallsAndCloses() {
        int before = server.server.wampSessions();
        String transport = joinAsAdmin();
        assertThat(server.server.wampSessions()).isEqualTo(before + 1);

        assertThat(post("/" + transport + "/send", "[48,7,{},\"wamp.session.count\",[]]").statusCode()).isEqualTo(204);
        JsonNode result = receive(transport);
        assertThat(result.get(0).asInt()).as("RESULT: %s", result).isEqualTo(50);
        assertThat(result.get(1).asInt()).isEqualTo(7);

        assertThat(post("/" + transport + "/close", null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server.wampSessions() == before);
        assertThat(post("/" + transport + "/receive", null).statusCode()).isEqualTo(404);
    }

    @Test
    void batchedSendsAndReceivesSeveralMessages() {
        String transport = open("wamp.2.json.batched");
        assertThat(post("/" + transport + "/send",
                "[1,\"realm1\",{\"roles\":{\"caller\":{}},\"authmethods\":[\"ticket\"],\"authid\":\"admin\"}]\u001e").statusCode())
                .isEqualTo(204);
        HttpResponse<String> challenge = post("/" + transport + "/receive", null);
        assertThat(challenge.body()).startsWith("[4,").endsWith("\u001e");
        assertThat(post("/" + transport + "/send", "[5,\"" + token + "\",{}]\u001e[48,1,{},\"wamp.session.count\",[]]\u001e[48,2,{},\"wamp.session.count\",[]]\u001e")
                .statusCode()).isEqualTo(204);
        StringBuilder received = new StringBuilder();
        while (received.toString().split("\u001e").length < 3) {
            HttpResponse<String> answer = post("/" + transport + "/receive", null);
            if (answer.statusCode() == 200) received.append(answer.body());
        }
        String[] messages = received.toString().split("\u001e");
        assertThat(messages[0]).startsWith("[2,");
        assertThat(messages[1]).startsWith("[50,1,");
        assertThat(messages[2]).startsWith("[50,2,");
        post("/" + transport + "/close", null);
    }

    @Test
    void anEmptyPollAnswers204AfterTheWait() {
        String transport = open("wamp.2.json");
        HttpResponse<String> empty = post("/" + transport + "/receive", null);
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
        post("/" + transport + "/close", null);
    }

    @Test
    void closesTransportsNobodyPolls() {
        String transport = joinAsAdmin();
        int joined = server.server.wampSessions();
        // fallback.sessionTimeout is 2 s; sends do not count as polls: the id stops working and the session leaves
        await().atMost(Duration.ofSeconds(10)).until(() ->
                post("/" + transport + "/send", "[48,8,{},\"wamp.session.count\",[]]").statusCode() == 404);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server.wampSessions() < joined);
    }

    @Test
    void refusesWhatItCannotServe() {
        HttpResponse<String> msgpack = post("/open", "{\"protocols\":[\"wamp.2.msgpack\"]}");
        assertThat(msgpack.statusCode()).isEqualTo(400);
        assertThat(msgpack.body()).contains("wamp.2.json").contains("wamp.2.msgpack");
        assertThat(post("/open", "not json").statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = post("/00112233445566778899aabbccddeeff/receive", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(FallbackServer.json(unknown.body()).get("code").asString()).isEqualTo("NOT_FOUND");

        HttpResponse<String> get = FallbackServer.send(server.request("/wamp/longpoll/open").GET().build());
        assertThat(get.statusCode()).isEqualTo(405);

        String transport = open("wamp.2.json");
        int limit = server.server.config().wamp().maxMessageSize();
        HttpResponse<String> tooLarge = post("/" + transport + "/send", "[1,\"" + "x".repeat(limit) + "\",{}]");
        // the HTTP body limit (1 MiB) or the WAMP one, whichever is smaller, answers in the same terms
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(FallbackServer.json(tooLarge.body()).get("code").asString()).isEqualTo("MESSAGE_TOO_LARGE");
    }

    @Test
    void answers404WhenTurnedOff() {
        try (FallbackServer off = FallbackServer.start(config -> config.withFallback(
                new VaktConfig.Fallback(false, Duration.ofSeconds(20), Duration.ofSeconds(60))))) {
            for (String path : new String[] {"/wamp/longpoll/open", "/graphql/stream"}) {
                HttpResponse<String> answer = FallbackServer.send(off.request(path).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
                assertThat(answer.statusCode()).isEqualTo(404);
                assertThat(answer.body()).contains("fallback.enabled: false");
            }
        }
    }
}
