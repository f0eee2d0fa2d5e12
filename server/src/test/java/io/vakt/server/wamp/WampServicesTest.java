package io.vakt.server.wamp;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process ssf service, message size limits and metrics, on a real server (spec §7.5, §16 item 60). */
class WampServicesTest {
    static TestServer server;
    static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        token = server.adminToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void ssfInfoAnswersUnderLowerCasedAccount() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.join(token);
            client.send(new Call(1, Map.of(), "accounts.demo.services.ssf.info", Payload.EMPTY));
            Map<String, Object> info = map(client.expect(Result.class).payload().args().getFirst());

            assertThat(info).containsEntry("service", "ssf").containsEntry("account", "demo")
                    .containsEntry("procedures", List.of("accounts.demo.services.ssf.info",
                            "accounts.demo.services.ssf.register", "accounts.demo.services.ssf.execute"));
            assertThat(info.get("version")).isInstanceOf(String.class);
            List<Object> functions = list(info.get("functions"));
            assertThat(functions).hasSize(2).allSatisfy(entry -> {
                Map<String, Object> function = map(entry);
                String owner = (String) function.get("owner");
                assertThat(function.get("path")).isEqualTo(Base64.getEncoder().encodeToString(owner.getBytes(StandardCharsets.UTF_8)));
            });
            assertThat(functions).extracting(entry -> map(entry).get("owner"))
                    .contains("Landskrona.Ventilation.Overview.File");

            // spec §7.2: RPC names are lower-cased, so any spelling reaches the same procedure
            client.send(new Call(2, Map.of(), "Accounts.Demo.Services.SSF.Info", Payload.EMPTY));
            Result mixed = client.expect(Result.class);
            assertThat(mixed.request()).isEqualTo(2);
            assertThat(mixed.payload().args().getFirst()).isEqualTo(info);
        }
    }

    @Test
    void ssfInfoAnswersOverMsgpackToo() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.msgpack")) {
            client.join(token);
            client.send(new Call(5, Map.of(), "accounts.demo.services.ssf.info", Payload.EMPTY));
            assertThat(map(client.expect(Result.class).payload().args().getFirst())).containsEntry("account", "demo");
        }
    }

    @Test
    void messagesUpToTheLimitGetThroughAboveTheGraphqlLimit() {
        // 900 KiB: far above the GraphQL endpoint's 256 KiB, below WAMP's 1 MiB
        String big = "x".repeat(900 * 1024);
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.join(token);
            client.send(new Call(9, Map.of(), "accounts.demo.services.ssf.info", Payload.of(List.of(big))));
            assertThat(client.expect(Result.class).request()).isEqualTo(9);
        }
    }

    @Test
    void aLargerFragmentedMessageIsAbortedAndClosedWith1009() {
        String half = "y".repeat(600 * 1024);
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.join(token);
            client.sendFragments("[48, 10, {}, \"accounts.demo.services.ssf.info\", [\"" + half, half + "\"]]");
            WampMessage.Abort abort = client.expect(WampMessage.Abort.class);
            assertThat(abort.reason()).isEqualTo("wamp.error.protocol_violation");
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void aLargerSingleFrameIsRefusedWith1009() {
        String big = "z".repeat(1024 * 1024 + 10);
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.join(token);
            client.sendQuietly("[48, 11, {}, \"accounts.demo.services.ssf.info\", [\"" + big + "\"]]");
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }

    @Test
    void metricsExposeWampCounters() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.join(token);
            client.send(new Call(1, Map.of(), "accounts.demo.services.ssf.info", Payload.EMPTY));
            client.expect(Result.class);
            HttpResponse<String> metrics = server.get("/metrics", token);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("vakt_wamp_sessions ", "vakt_wamp_sessions_joined_total",
                    "vakt_wamp_sessions_refused_total", "vakt_wamp_protocol_violations_total", "vakt_wamp_calls_total",
                    "vakt_wamp_call_errors_total", "vakt_wamp_call_timeouts_total", "vakt_wamp_calls_canceled_total",
                    "vakt_wamp_publications_total", "vakt_wamp_events_delivered_total", "vakt_wamp_events_dropped_total",
                    "vakt_wamp_slow_sessions_closed_total", "vakt_wamp_call_latency_seconds_bucket",
                    "vakt_wamp_call_latency_seconds_count");
            assertThat(value(metrics.body(), "vakt_wamp_sessions")).as("this session and the ssf service").isGreaterThanOrEqualTo(2);
            assertThat(value(metrics.body(), "vakt_wamp_calls_total")).isGreaterThanOrEqualTo(1);
            assertThat(value(metrics.body(), "vakt_wamp_call_latency_seconds_count")).isGreaterThanOrEqualTo(1);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) { return (Map<String, Object>) value; }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) { return (List<Object>) value; }

    private static double value(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
