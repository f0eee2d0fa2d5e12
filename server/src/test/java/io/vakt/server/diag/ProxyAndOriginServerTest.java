package io.vakt.server.diag;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vakt.core.write.AuditEntry;
import io.vakt.server.VaktServer;
import io.vakt.server.auth.LoginThrottle;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.net.Cidr;
import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusted proxies, real client addresses and the same-origin rule on a real server over loopback sockets.
 * 127.0.0.1 is the one trusted proxy; 127.0.0.2 is a stranger (Linux routes all of 127/8).
 */
class ProxyAndOriginServerTest {
    private static final String PROXY = "127.0.0.1";
    private static final String STRANGER = "127.0.0.2";
    private static final String PASSWORD = "admin-secret-for-proxy-tests";
    private static final String ALLOWED = "https://dash.example.com";
    private static final String GRAPHQL_WS = "/arrigo/api/graphql/ws";
    private static final String WAMP = "/arrigo/api/wamp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir static Path dataDir;
    static VaktServer server;
    static int port;

    @BeforeAll
    static void start() {
        VaktConfig config = VaktConfig.defaults().withListener(new VaktConfig.Listener("127.0.0.1", 0, 2))
                .withProxy(new VaktConfig.Proxy(List.of(Cidr.parse(PROXY)), List.of(ALLOWED)))
                // one free failure, so every failure after the first is logged with its counts
                .withLogin(new VaktConfig.Login(1, Duration.ofMinutes(15), Duration.ofSeconds(2)))
                .withDataDir(dataDir);
        server = VaktServer.start(config, Map.of("VAKT_ADMIN_PASSWORD", PASSWORD));
        port = server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void diagnosticsShowTheForwardedClientWhenThePeerIsATrustedProxy() {
        RawHttp.Response answer = RawHttp.exchange(PROXY, port, null, "GET /arrigo/api/diagnostics HTTP/1.1",
                "Host: 127.0.0.1:" + port, "X-Forwarded-For: 203.0.113.5", "X-Forwarded-Proto: https",
                "X-Forwarded-Host: bms.example.com");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = JSON.readTree(answer.body());
        JsonNode client = body.path("client");
        assertThat(client.path("address").asString()).isEqualTo("203.0.113.5");
        assertThat(client.path("peer").asString()).isEqualTo(PROXY);
        assertThat(client.path("viaTrustedProxy").asBoolean()).isTrue();
        assertThat(client.path("untrustedForwardedHeaders").asBoolean()).isFalse();
        assertThat(texts(client.path("chain"))).containsExactly("203.0.113.5", PROXY);
        JsonNode request = body.path("request");
        assertThat(request.path("scheme").asString()).isEqualTo("https");
        assertThat(request.path("host").asString()).isEqualTo("bms.example.com");
        assertThat(request.path("port").asInt()).isEqualTo(443);
        assertThat(request.path("httpVersion").asString()).isEqualTo("HTTP/1.1");
        assertThat(request.get("tls").isNull()).as("Vakt's own listener is plain HTTP").isTrue();
        assertThat(request.path("forwardedHeaders").path("X-Forwarded-For").asString()).isEqualTo("203.0.113.5");
        assertThat(request.path("forwardedHeaders").path("X-Forwarded-Proto").asString()).isEqualTo("https");
        assertThat(request.path("upgradeHeaders").get("Upgrade").isNull()).isTrue();
        assertThat(request.path("upgradeHeaders").path("Connection").asString()).isEqualTo("close");
        JsonNode serverPart = body.path("server");
        assertThat(serverPart.path("webSocketPingSeconds").asInt()).isEqualTo(25);
        assertThat(serverPart.path("fallback").path("graphqlSse").asString()).isEqualTo("/arrigo/api/graphql/stream");
        assertThat(serverPart.path("fallback").path("wampLongPoll").asString()).isEqualTo("/arrigo/api/wamp/longpoll");
        assertThat(texts(serverPart.path("allowedOrigins"))).containsExactly(ALLOWED);
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnoredAndSaidToBe() {
        RawHttp.Response answer = RawHttp.exchange(STRANGER, port, null, "GET /arrigo/api/diagnostics HTTP/1.1",
                "X-Forwarded-For: 203.0.113.5", "X-Forwarded-Proto: https");

        JsonNode client = JSON.readTree(answer.body()).path("client");
        assertThat(client.path("address").asString()).isEqualTo(STRANGER);
        assertThat(client.path("viaTrustedProxy").asBoolean()).isFalse();
        assertThat(client.path("untrustedForwardedHeaders").asBoolean()).isTrue();
        assertThat(texts(client.path("chain"))).containsExactly(STRANGER);
        assertThat(JSON.readTree(answer.body()).path("request").path("scheme").asString()).isEqualTo("http");
    }

    @Test
    void theAuditLogOfAWriteNamesTheForwardedClient() {
        String token = login();
        String mutation = "{\"query\":\"mutation($n: String, $p: String, $v: String) { setData(nodePath: $n, path: $p, value: $v) }\","
                + "\"variables\":{\"n\":\"" + b64("Landskrona.SystemAir.File") + "\",\"p\":\"Cwl.Advise.A[2]\",\"v\":\"21.5\"}}";
        RawHttp.Response answer = RawHttp.exchange(PROXY, port, mutation, "POST /arrigo/api/graphql HTTP/1.1",
                "Content-Type: application/json", "Authorization: Bearer " + token, "X-Forwarded-For: 198.51.100.23");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);

        List<AuditEntry> audit;
        // the running server keeps its store open; SQLite WAL lets a second connection read it
        try (VaktStore store = VaktStore.open(dataDir, StoreOptions.defaults())) {
            audit = store.auditLog().recent(50);
        }
        assertThat(audit).as("audit log").anySatisfy(entry -> {
            assertThat(entry.username()).isEqualTo("admin");
            assertThat(entry.clientAddress()).isEqualTo("198.51.100.23");
        });
    }

    @Test
    void forwardedClientsAreThrottledApartButAnUntrustedPeerIsThrottledAsItself() {
        try (Capture throttle = new Capture(LoginThrottle.class)) {
            failLogin(PROXY, "nobody-1", "198.51.100.1");
            failLogin(PROXY, "nobody-2", "198.51.100.2");
            assertThat(throttle.warnings()).as("each forwarded client counts its own failures").anySatisfy(line -> assertThat(line)
                    .contains("'nobody-2'", "'198.51.100.2'", "1 failures for the user and 1 from the address"));

            failLogin(STRANGER, "nobody-3", "198.51.100.1");
            failLogin(STRANGER, "nobody-4", "198.51.100.2");
            assertThat(throttle.warnings()).as("a stranger's forwarding headers are ignored: its failures add up")
                    .anySatisfy(line -> assertThat(line)
                            .contains("'nobody-4'", "'" + STRANGER + "'", "1 failures for the user and 2 from the address"));
            assertThat(throttle.warnings()).noneSatisfy(line -> assertThat(line).contains("'nobody-4'", "198.51.100.2"));
        }
    }

    @Test
    void aCrossOriginUpgradeIsRefusedOnBothEndpointsBeforeUpgrading() {
        for (String[] endpoint : List.of(new String[]{GRAPHQL_WS, "graphql-transport-ws"}, new String[]{WAMP, "wamp.2.json"})) {
            RawHttp.Response answer = RawHttp.upgrade(PROXY, port, endpoint[0], endpoint[1], "Origin: https://evil.example");

            assertThat(answer.status()).as(endpoint[0]).isEqualTo(403);
            assertThat(answer.header("Content-Type")).startsWith("text/plain");
            assertThat(answer.body()).contains("'https://evil.example'", "http://127.0.0.1:" + port, "webSocket.allowedOrigins");
        }
        assertThat(RawHttp.upgrade(PROXY, port, WAMP, "wamp.2.json", "Origin: null").status()).as("Origin: null").isEqualTo(403);
        assertThat(RawHttp.upgrade(PROXY, port, WAMP, "wamp.2.json", "Origin: http://127.0.0.1:" + (port + 1)).status())
                .as("another port is another origin").isEqualTo(403);
    }

    @Test
    void sameOriginAllowedOriginAndNoOriginUpgrade() {
        for (String[] endpoint : List.of(new String[]{GRAPHQL_WS, "graphql-transport-ws"}, new String[]{WAMP, "wamp.2.json"})) {
            assertThat(RawHttp.upgrade(PROXY, port, endpoint[0], endpoint[1], "Origin: http://127.0.0.1:" + port).status())
                    .as("same origin on %s", endpoint[0]).isEqualTo(101);
            assertThat(RawHttp.upgrade(PROXY, port, endpoint[0], endpoint[1], "Origin: HTTP://127.0.0.1:" + port + "/").status())
                    .as("same origin, other spelling, on %s", endpoint[0]).isEqualTo(101);
            assertThat(RawHttp.upgrade(PROXY, port, endpoint[0], endpoint[1], "Origin: https://DASH.example.com:443").status())
                    .as("allowed origin on %s", endpoint[0]).isEqualTo(101);
            assertThat(RawHttp.upgrade(STRANGER, port, endpoint[0], endpoint[1]).status())
                    .as("no Origin (not a browser) on %s", endpoint[0]).isEqualTo(101);
        }
    }

    @Test
    void theSameOriginRuleUsesWhatATrustedProxySaysTheBrowserSaw() {
        String[] viaProxy = {"Host: 127.0.0.1:" + port, "X-Forwarded-Proto: https", "X-Forwarded-Host: bms.example.com",
                "X-Forwarded-For: 203.0.113.9", "Origin: https://bms.example.com"};
        assertThat(RawHttp.upgrade(PROXY, port, GRAPHQL_WS, "graphql-ws", viaProxy).status()).isEqualTo(101);
        assertThat(RawHttp.upgrade(PROXY, port, WAMP, "wamp.2.json", viaProxy).status()).isEqualTo(101);

        RawHttp.Response stranger = RawHttp.upgrade(STRANGER, port, WAMP, "wamp.2.json", viaProxy);
        assertThat(stranger.status()).as("the same headers from a stranger are not believed").isEqualTo(403);
        assertThat(stranger.body()).contains("http://127.0.0.1:" + port);
        assertThat(RawHttp.upgrade(PROXY, port, WAMP, "wamp.2.json", "Host: 127.0.0.1:" + port, "X-Forwarded-Proto: https",
                "X-Forwarded-Host: bms.example.com", "Origin: https://evil.example").status())
                .as("another origin through the proxy").isEqualTo(403);
    }

    @Test
    void behindAProxyThatForwardsTheHostButNoSchemeTheHostNameDecides() {
        // proxy_set_header Host $host; X-Forwarded-For $proxy_add_x_forwarded_for; nothing about the scheme or port
        String[] hostOnly = {"Host: bms.example.com", "X-Forwarded-For: 203.0.113.10"};
        assertThat(RawHttp.upgrade(PROXY, port, GRAPHQL_WS, "graphql-transport-ws",
                with(hostOnly, "Origin: https://bms.example.com")).status()).as("TLS ended at the proxy").isEqualTo(101);
        RawHttp.Response refused = RawHttp.upgrade(PROXY, port, GRAPHQL_WS, "graphql-transport-ws",
                with(hostOnly, "Origin: https://evil.example"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).as("names what it expected and the fix").contains("http://bms.example.com",
                "webSocket.allowedOrigins", "X-Forwarded-Proto");
    }

    @Test
    void behindTheSeedsNginxBlockTheOriginCannotBeCheckedAndIsLetThrough() {
        // the seed's blocks set no Host: nginx sends the proxy_pass address, so nothing names the browser's site
        String[] seed = {"Host: 127.0.0.1:" + port, "X-Forwarded-For: 203.0.113.11", "Origin: https://bms.example.com"};
        assertThat(RawHttp.upgrade(PROXY, port, WAMP, "wamp.2.json", seed).status()).isEqualTo(101);
        assertThat(RawHttp.upgrade(STRANGER, port, WAMP, "wamp.2.json", seed).status())
                .as("never for a client that is not a trusted proxy").isEqualTo(403);
    }

    private static String[] with(String[] lines, String more) {
        String[] all = java.util.Arrays.copyOf(lines, lines.length + 1);
        all[lines.length] = more;
        return all;
    }

    @Test
    void recentUpgradesShowTheCallersOwnAttemptsNewestFirst() {
        String client = "198.51.100.77";
        RawHttp.Response plain = RawHttp.exchange(PROXY, port, null, "GET " + WAMP + " HTTP/1.1", "X-Forwarded-For: " + client);
        assertThat(plain.status()).isEqualTo(426);
        RawHttp.upgrade(PROXY, port, GRAPHQL_WS, "graphql-transport-ws", "X-Forwarded-For: " + client,
                "X-Forwarded-Host: bms.example.com", "X-Forwarded-Proto: https", "Origin: https://evil.example");
        RawHttp.upgrade(PROXY, port, WAMP, "wamp.2.json", "X-Forwarded-For: 198.51.100.78");

        JsonNode recent = JSON.readTree(RawHttp.exchange(PROXY, port, null, "GET /arrigo/api/diagnostics HTTP/1.1",
                "X-Forwarded-For: " + client).body()).path("recentUpgrades");

        assertThat(recent.size()).as("only this client's attempts: %s", recent).isEqualTo(2);
        assertThat(recent.get(0).path("endpoint").asString()).isEqualTo(GRAPHQL_WS);
        assertThat(recent.get(0).path("outcome").asString()).isEqualTo("cross-origin-refused");
        assertThat(recent.get(0).path("origin").asString()).isEqualTo("https://evil.example");
        assertThat(texts(recent.get(0).path("subprotocols"))).containsExactly("graphql-transport-ws");
        assertThat(recent.get(0).path("upgradeHeader").asBoolean()).isTrue();
        assertThat(recent.get(1).path("endpoint").asString()).isEqualTo(WAMP);
        assertThat(recent.get(1).path("outcome").asString()).isEqualTo("no-upgrade-header");
        assertThat(recent.get(1).path("upgradeHeader").asBoolean()).isFalse();
        assertThat(recent.get(1).path("connection").asString()).isEqualTo("close");
    }

    // ---- helpers ----

    private static String login() {
        RawHttp.Response answer = RawHttp.exchange(PROXY, port, "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}",
                "POST /arrigo/api/login HTTP/1.1", "Content-Type: application/json");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("authToken").asString();
    }

    private static void failLogin(String from, String user, String forwardedFor) {
        RawHttp.Response answer = RawHttp.exchange(from, port, "{\"username\":\"" + user + "\",\"password\":\"wrong\"}",
                "POST /arrigo/api/login HTTP/1.1", "Content-Type: application/json", "X-Forwarded-For: " + forwardedFor);
        assertThat(answer.status()).isEqualTo(401);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What one class logs at WARN while open. */
    private static final class Capture implements AutoCloseable {
        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        Capture(Class<?> source) {
            logger = (Logger) LoggerFactory.getLogger(source);
            appender.start();
            logger.addAppender(appender);
        }

        List<String> warnings() {
            return List.copyOf(appender.list).stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
