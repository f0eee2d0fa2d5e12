package io.vakt.it;

import io.vakt.graphql.ws.WsConfig;
import io.vakt.server.config.VaktConfig;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.vakt.it.ItSupport.DATA_SUBSCRIPTION;
import static io.vakt.it.ItSupport.SYSTEM_AIR;
import static io.vakt.it.ItSupport.vars;
import static io.vakt.it.NodeClients.text;
import static io.vakt.it.RawWebSocket.ofType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of both GraphQL WebSocket protocols, driven by a raw JDK WebSocket client that can offer any
 * subprotocols, send anything, and see close codes and ping frames (spec §6, §15 items 2–3; checklist 40–52).
 * The server runs with a 1 s {@code connection_init} deadline, {@code ka} every 2 s, WebSocket pings every 1 s
 * and a 16 KiB message limit, so every deadline is observed in about a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolEdgesIT {
    private static final String LEGACY = "graphql-ws";
    private static final String TRANSPORT = "graphql-transport-ws";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int MAX_MESSAGE_BYTES = 16 * 1024;
    /** {@link #sendBrokenFrame}: the server kept the connection open. */
    private static final int NOT_CLOSED = 0;

    private EmbeddedServer server;
    private String token;
    private final List<RawWebSocket> sockets = new ArrayList<>();

    @BeforeAll
    void startServer() {
        server = EmbeddedServer.builder()
                .driverSetting("simulator", "unreachableChance", "0")
                .configure(config -> config
                        .withGraphqlWs(new WsConfig(Duration.ofSeconds(1), Duration.ofSeconds(2),
                                config.graphqlWs().maxOperations(), MAX_MESSAGE_BYTES))
                        .withWebSocket(new VaktConfig.WebSocket(Duration.ofSeconds(1), config.webSocket().compression(),
                                config.webSocket().writeQueueHighWaterBytes())))
                .start();
        token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(RawWebSocket::close);
        sockets.clear();
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    private RawWebSocket connect(String... subprotocols) {
        RawWebSocket socket = RawWebSocket.connect(server.graphqlWsUrl(), subprotocols);
        sockets.add(socket);
        return socket;
    }

    private RawWebSocket connect(Map<String, String> headers, String... subprotocols) {
        RawWebSocket socket = RawWebSocket.connect(server.graphqlWsUrl(), headers, subprotocols);
        sockets.add(socket);
        return socket;
    }

    private Map<String, Object> init() { return init(Map.of("Authorization", "Bearer " + token)); }

    private static Map<String, Object> init(Map<String, Object> payload) {
        return message("connection_init", null, payload);
    }

    private static Map<String, Object> message(String type, String id, Object payload) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (id != null) message.put("id", id);
        message.put("type", type);
        if (payload != null) message.put("payload", payload);
        return message;
    }

    private static Map<String, Object> dataOperation(String nodePath) {
        return vars("query", DATA_SUBSCRIPTION, "variables", vars("p", nodePath));
    }

    /** Connects with the legacy protocol and waits for {@code connection_ack}. */
    private RawWebSocket legacySession() {
        RawWebSocket socket = connect(LEGACY);
        socket.sendJson(init());
        socket.awaitType("connection_ack", WAIT);
        return socket;
    }

    /** Connects with graphql-transport-ws and waits for {@code connection_ack}. */
    private RawWebSocket transportSession() {
        RawWebSocket socket = connect(TRANSPORT);
        socket.sendJson(init());
        socket.awaitType("connection_ack", WAIT);
        return socket;
    }

    private static void assertClosed(RawWebSocket socket, int code) {
        RawWebSocket.Close close = socket.awaitClose(WAIT);
        assertThat(close.code()).as("close code (reason '%s')\n%s", close.reason(), socket.report()).isEqualTo(code);
    }

    // ---- subprotocol negotiation (40, 47, §15 item 3) ----

    /** 40, 41, 44: no subprotocol offered → the legacy protocol; ack, ka at once and periodically; start/stop. */
    @Test
    void noSubprotocolOfferedIsServedWithTheLegacyProtocol() {
        RawWebSocket socket = connect();
        assertThat(socket.subprotocol()).as("no subprotocol in the answer").isEmpty();
        socket.sendJson(init());
        JsonNode ack = socket.awaitType("connection_ack", WAIT);
        JsonNode ka = socket.awaitType("ka", WAIT);
        assertThat(ka.get("seq").asInt()).as("ka right after connection_ack").isEqualTo(ack.get("seq").asInt() + 1);

        socket.sendJson(message("start", "1", dataOperation(SYSTEM_AIR)));
        JsonNode data = socket.awaitMessage(ofType("data", "1"), WAIT);
        assertThat(data.propertyNames()).containsExactlyInAnyOrder("id", "type", "payload", "seq", "receivedAtMs", "taken");
        assertThat(data.path("payload").propertyNames()).containsExactly("data");
        JsonNode variable = data.path("payload").path("data").path("data");
        assertThat(variable.propertyNames()).containsExactlyInAnyOrder("value", "path", "technicalAddress", "type", "timeStamp");

        socket.sendJson(message("stop", "1", null));
        JsonNode complete = socket.awaitMessage(ofType("complete", "1"), WAIT);
        // a periodic ka (every 2 s here) proves time passed; no data for the stopped operation after complete
        socket.awaitMessage(ofType("ka").and(m -> m.get("seq").asInt() > complete.get("seq").asInt()), WAIT);
        assertThat(socket.messages(ofType("data", "1").and(m -> m.get("seq").asInt() > complete.get("seq").asInt())))
                .as("data after complete").isEmpty();
    }

    /** 45: a query through start yields one data message, then complete. */
    @Test
    void legacyQueryYieldsOneDataThenComplete() {
        RawWebSocket socket = legacySession();
        socket.sendJson(message("start", "q", vars("query", "{ folder { id name } }")));
        JsonNode data = socket.awaitMessage(ofType("data", "q"), WAIT);
        assertThat(text(data.path("payload").path("data").path("folder").get("name"))).isEqualTo("Demo");
        JsonNode complete = socket.awaitMessage(ofType("complete", "q"), WAIT);
        assertThat(complete.get("seq").asInt()).isGreaterThan(data.get("seq").asInt());
    }

    /** §15 item 3: only unknown subprotocols → answered without one, then closed 4406. */
    @Test
    void onlyUnknownSubprotocolsAreClosedWith4406() {
        RawWebSocket socket = connect("graphql-sse", "mqtt");
        assertThat(socket.subprotocol()).isEmpty();
        assertClosed(socket, 4406);
    }

    /** §15 item 3: both offered → the first supported one in the client's order. */
    @Test
    void bothOfferedPicksTheFirstSupportedInTheClientsOrder() {
        RawWebSocket transportFirst = connect(TRANSPORT, LEGACY);
        assertThat(transportFirst.subprotocol()).isEqualTo(TRANSPORT);
        transportFirst.sendJson(message("ping", null, null));
        transportFirst.awaitType("pong", WAIT);

        RawWebSocket legacyFirst = connect(LEGACY, TRANSPORT);
        assertThat(legacyFirst.subprotocol()).isEqualTo(LEGACY);
        legacyFirst.sendJson(init());
        legacyFirst.awaitType("connection_ack", WAIT);
        legacyFirst.awaitType("ka", WAIT);

        RawWebSocket unknownFirst = connect("graphql-sse", TRANSPORT);
        assertThat(unknownFirst.subprotocol()).isEqualTo(TRANSPORT);
    }

    // ---- authentication (42, §15 item 2) ----

    /** 42: the token is also taken from payload.authorization, payload.authToken (with or without Bearer) and the upgrade header. */
    @Test
    void tokenIsAcceptedFromEveryDocumentedSource() {
        List<Map<String, Object>> payloads = List.of(
                Map.of("authorization", "Bearer " + token),
                Map.of("authToken", token),
                Map.of("authToken", "Bearer " + token));
        for (Map<String, Object> payload : payloads) {
            for (String protocol : List.of(LEGACY, TRANSPORT)) {
                RawWebSocket socket = connect(protocol);
                socket.sendJson(init(payload));
                socket.awaitType("connection_ack", WAIT);
            }
        }
        for (String protocol : List.of(LEGACY, TRANSPORT)) {
            RawWebSocket socket = connect(Map.of("Authorization", "Bearer " + token), protocol);
            socket.sendJson(init(Map.of()));
            socket.awaitType("connection_ack", WAIT);
        }
    }

    /** §15 item 2: a bad token at connection_init → legacy connection_error INVALID_AUTH_TOKEN and close; transport-ws 4403. */
    @Test
    void invalidTokenAtInitIsRefused() {
        RawWebSocket legacy = connect(LEGACY);
        legacy.sendJson(init(Map.of("Authorization", "Bearer not.a.token")));
        JsonNode error = legacy.awaitType("connection_error", WAIT);
        assertThat(text(error.path("payload").get("message"))).isEqualTo("INVALID_AUTH_TOKEN");
        legacy.awaitClose(WAIT);
        assertThat(legacy.messages(ofType("connection_ack"))).isEmpty();

        RawWebSocket transport = connect(TRANSPORT);
        transport.sendJson(init(Map.of("Authorization", "Bearer not.a.token")));
        assertClosed(transport, 4403);
    }

    /**
     * 46, 51, §15 item 2: on expiry every active operation gets INVALID_AUTH_TOKEN (legacy: an object, transport-ws:
     * an array), then close 4401 INVALID_AUTH_TOKEN; the expired token is then refused at connection_init.
     */
    @Test
    void tokenExpiryErrorsEveryActiveOperationThenCloses4401() {
        try (EmbeddedServer shortLived = EmbeddedServer.builder().accessTokenLifetime(Duration.ofSeconds(2)).start()) {
            String expiring = shortLived.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
            Map<String, Object> auth = Map.of("Authorization", "Bearer " + expiring);
            RawWebSocket legacy = RawWebSocket.connect(shortLived.graphqlWsUrl(), LEGACY);
            RawWebSocket transport = RawWebSocket.connect(shortLived.graphqlWsUrl(), TRANSPORT);
            sockets.add(legacy);
            sockets.add(transport);
            legacy.sendJson(init(auth));
            transport.sendJson(init(auth));
            legacy.awaitType("connection_ack", WAIT);
            transport.awaitType("connection_ack", WAIT);
            for (String id : List.of("a", "b")) {
                legacy.sendJson(message("start", id, dataOperation(SYSTEM_AIR)));
                transport.sendJson(message("subscribe", id, dataOperation(SYSTEM_AIR)));
                legacy.awaitMessage(ofType("data", id), WAIT);
                transport.awaitMessage(ofType("next", id), WAIT);
            }
            for (String id : List.of("a", "b")) {
                JsonNode legacyError = legacy.awaitMessage(ofType("error", id), WAIT);
                assertThat(legacyError.path("payload").isObject()).as("legacy payload %s", legacyError).isTrue();
                assertThat(text(legacyError.path("payload").get("message"))).isEqualTo("INVALID_AUTH_TOKEN");
                JsonNode transportError = transport.awaitMessage(ofType("error", id), WAIT);
                assertThat(transportError.path("payload").isArray()).as("transport-ws payload %s", transportError).isTrue();
                assertThat(text(transportError.path("payload").path(0).get("message"))).isEqualTo("INVALID_AUTH_TOKEN");
            }
            for (RawWebSocket socket : List.of(legacy, transport)) {
                RawWebSocket.Close close = socket.awaitClose(WAIT);
                assertThat(close).isEqualTo(new RawWebSocket.Close(4401, "INVALID_AUTH_TOKEN"));
            }

            RawWebSocket lateLegacy = RawWebSocket.connect(shortLived.graphqlWsUrl(), LEGACY);
            RawWebSocket lateTransport = RawWebSocket.connect(shortLived.graphqlWsUrl(), TRANSPORT);
            sockets.add(lateLegacy);
            sockets.add(lateTransport);
            lateLegacy.sendJson(init(auth));
            assertThat(text(lateLegacy.awaitType("connection_error", WAIT).path("payload").get("message"))).isEqualTo("INVALID_AUTH_TOKEN");
            lateLegacy.awaitClose(WAIT);
            lateTransport.sendJson(init(auth));
            assertClosed(lateTransport, 4403);
        }
    }

    /** S34: an operation that fails validation gets error (legacy: object; transport-ws: array, and no complete after it). */
    @Test
    void invalidOperationsGetAnErrorMessage() {
        RawWebSocket legacy = legacySession();
        legacy.sendJson(message("start", "bad", vars("query", "subscription { noSuchField }")));
        JsonNode legacyError = legacy.awaitMessage(ofType("error", "bad"), WAIT);
        assertThat(legacyError.path("payload").isObject()).as("legacy error payload: %s", legacyError).isTrue();
        assertThat(text(legacyError.path("payload").get("message"))).isNotBlank();

        RawWebSocket transport = transportSession();
        transport.sendJson(message("subscribe", "bad", vars("query", "subscription { noSuchField }")));
        JsonNode transportError = transport.awaitMessage(ofType("error", "bad"), WAIT);
        assertThat(transportError.path("payload").isArray()).as("transport-ws error payload: %s", transportError).isTrue();
        assertThat(text(transportError.path("payload").path(0).get("message"))).isNotBlank();
        transport.sendJson(message("ping", null, null));
        transport.awaitType("pong", WAIT);
        assertThat(transport.messages(ofType("complete", "bad"))).as("complete after error").isEmpty();
        // the id is free again after the error
        transport.sendJson(message("subscribe", "bad", dataOperation(SYSTEM_AIR)));
        transport.awaitMessage(ofType("next", "bad"), WAIT);
    }

    /** 36: a later subscriber starts from the values already sent to another subscription, not from Pending. */
    @Test
    void aLaterSubscriberStartsFromTheCachedValues() {
        RawWebSocket first = legacySession();
        first.sendJson(message("start", "1", dataOperation(SYSTEM_AIR)));
        Predicate<JsonNode> valueOfSetpoint = ofType("data", "1").and(m -> "AHU1.GT11_SP".equals(text(
                m.path("payload").path("data").path("data").get("technicalAddress")))
                && m.path("payload").path("data").path("data").path("value").isNumber());
        first.awaitMessage(valueOfSetpoint, WAIT);

        RawWebSocket second = transportSession();
        second.sendJson(message("subscribe", "2", dataOperation(SYSTEM_AIR)));
        JsonNode setpoint = second.awaitMessage(ofType("next", "2").and(m -> "AHU1.GT11_SP".equals(text(
                m.path("payload").path("data").path("data").get("technicalAddress")))), WAIT);
        assertThat(text(setpoint.path("payload").path("data").path("data").get("type")))
                .as("first message of the setpoint for the second subscriber: %s", setpoint).isNotEqualTo("Pending");
        assertThat(setpoint.path("payload").path("data").path("data").path("value").isNumber()).isTrue();
    }

    // ---- deadlines and violations ----

    /** 43: no connection_init in time → connection_error, then the socket closes. */
    @Test
    void legacyInitDeadlineSendsConnectionErrorThenCloses() {
        RawWebSocket socket = connect(LEGACY);
        JsonNode error = socket.awaitType("connection_error", WAIT);
        assertThat(error.path("payload").isObject()).as("connection_error payload object: %s", error).isTrue();
        assertThat(text(error.path("payload").get("message"))).isNotBlank();
        RawWebSocket.Close close = socket.awaitClose(WAIT);
        assertThat(close.code()).as("close code").isBetween(1000, 4999);
    }

    /** 49: no connection_init in time → 4408. */
    @Test
    void transportInitTimeoutCloses4408() {
        assertClosed(connect(TRANSPORT), 4408);
    }

    /** 49: subscribe before connection_ack → 4401. */
    @Test
    void transportSubscribeBeforeAckCloses4401() {
        RawWebSocket socket = connect(TRANSPORT);
        socket.sendJson(message("subscribe", "1", dataOperation(SYSTEM_AIR)));
        assertClosed(socket, 4401);
    }

    /** 49: a second connection_init → 4429. */
    @Test
    void transportSecondInitCloses4429() {
        RawWebSocket socket = transportSession();
        socket.sendJson(init());
        assertClosed(socket, 4429);
    }

    /** 49: subscribe with the id of an active operation → 4409. */
    @Test
    void transportDuplicateIdCloses4409() {
        RawWebSocket socket = transportSession();
        socket.sendJson(message("subscribe", "dup", dataOperation(SYSTEM_AIR)));
        socket.awaitMessage(ofType("next", "dup"), WAIT);
        socket.sendJson(message("subscribe", "dup", dataOperation(SYSTEM_AIR)));
        assertClosed(socket, 4409);
    }

    /** 49: an unknown message type, or a message that is not JSON, → 4400. */
    @Test
    void transportUnknownOrMalformedMessageCloses4400() {
        RawWebSocket unknown = transportSession();
        unknown.sendJson(message("start", "1", dataOperation(SYSTEM_AIR)));
        assertClosed(unknown, 4400);

        RawWebSocket garbage = transportSession();
        garbage.send("{not json");
        assertClosed(garbage, 4400);
    }

    /** 48, 50: ping → pong; subscribe yields next messages; a client complete stops them. */
    @Test
    void transportPingPongAndCompleteStopsTheOperation() {
        RawWebSocket socket = transportSession();
        socket.sendJson(message("ping", null, null));
        socket.awaitType("pong", WAIT);

        socket.sendJson(message("subscribe", "s", dataOperation(SYSTEM_AIR)));
        JsonNode next = socket.awaitMessage(ofType("next", "s"), WAIT);
        assertThat(next.path("payload").path("data").path("data").has("path")).isTrue();
        socket.sendJson(message("complete", "s", null));
        // the clock ticks every second: after a round trip (ping/pong) and a few more, nothing more for "s"
        socket.sendJson(message("ping", null, null));
        JsonNode pong = socket.awaitMessage(ofType("pong").and(m -> m.get("seq").asInt() > next.get("seq").asInt()), WAIT);
        socket.awaitPings(3, Duration.ofSeconds(4));
        assertThat(socket.messages(ofType("next", "s").and(m -> m.get("seq").asInt() > pong.get("seq").asInt())))
                .as("next messages after complete").isEmpty();
        assertThat(socket.isClosed()).isFalse();
    }

    /** A message over the configured limit closes the socket with 1009, on both protocols. */
    @Test
    void oversizeMessageCloses1009() {
        String huge = "{\"type\":\"ping\",\"payload\":{\"padding\":\"" + "x".repeat(MAX_MESSAGE_BYTES * 2) + "\"}}";
        RawWebSocket transport = transportSession();
        transport.sendQuietly(huge);
        assertClosed(transport, 1009);

        RawWebSocket legacy = legacySession();
        legacy.sendQuietly(huge);
        assertClosed(legacy, 1009);
    }

    /** The limit holds for a message split into fragments that are each below it (1009 on both protocols). */
    @Test
    void oversizeFragmentedMessageCloses1009() {
        List<String> fragments = new ArrayList<>();
        fragments.add("{\"type\":\"ping\",\"payload\":{\"padding\":\"");
        for (int i = 0; i < 4; i++) fragments.add("y".repeat(MAX_MESSAGE_BYTES / 2));
        fragments.add("\"}}");
        RawWebSocket transport = transportSession();
        transport.sendFragmentsQuietly(fragments);
        assertClosed(transport, 1009);

        RawWebSocket legacy = legacySession();
        legacy.sendFragmentsQuietly(fragments);
        assertClosed(legacy, 1009);

        // below the limit, fragments are joined into one message
        RawWebSocket joined = transportSession();
        joined.sendFragmentsQuietly(List.of("{\"type\":", "\"ping\"", "}"));
        joined.awaitType("pong", WAIT);
    }

    /** 52: the server sends WebSocket ping frames (every 1 s here, 25 s by default) on both protocols. */
    @Test
    void serverSendsWebSocketPingFrames() {
        RawWebSocket legacy = legacySession();
        RawWebSocket transport = transportSession();
        assertThat(legacy.awaitPings(2, WAIT)).as("ping frames on graphql-ws").isGreaterThanOrEqualTo(2);
        assertThat(transport.awaitPings(2, WAIT)).as("ping frames on graphql-transport-ws").isGreaterThanOrEqualTo(2);
        assertThat(legacy.isClosed() || transport.isClosed()).isFalse();
    }

    /** A plain GET without the upgrade gets 426 and an explanation (what a proxy dropping Upgrade causes). */
    @Test
    void plainGetWithoutUpgradeIsAnswered426() {
        HttpResponse<String> response = ItSupport.http("GET", server.graphqlWsUrl().replaceFirst("^ws", "http"), null);
        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(response.headers().firstValue("Upgrade")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("websocket"));
        assertThat(response.body()).containsIgnoringCase("websocket").containsIgnoringCase("upgrade");
    }

    /** Nothing a client sends can disturb another client's session (ARCHITECTURE.md "Errors"). */
    @Test
    void malformedMessagesOnOneConnectionDoNotDisturbAnotherSubscription() {
        RawWebSocket watcher = legacySession();
        watcher.sendJson(message("start", "w", dataOperation(SYSTEM_AIR)));
        Predicate<JsonNode> clockUpdate = ofType("data", "w").and(m -> "Update".equals(text(
                m.path("payload").path("data").path("data").get("type"))) && "AHU1.QSystem.Sec".equals(text(
                m.path("payload").path("data").path("data").get("technicalAddress"))));
        watcher.awaitMessage(clockUpdate, WAIT);

        RawWebSocket strict = transportSession();
        strict.send("\u0000\u0001 not json");
        assertClosed(strict, 4400);

        RawWebSocket lenient = legacySession();
        lenient.send("[1, 2, 3]");
        lenient.send("{\"type\": 42}");
        lenient.send("{\"id\": \"x\", \"type\": \"start\"}");
        lenient.awaitType("connection_error", WAIT);
        lenient.awaitMessage(ofType("error", "x"), WAIT);
        lenient.sendJson(message("start", "q", vars("query", "{ folder { name } }")));
        lenient.awaitMessage(ofType("data", "q"), WAIT);
        assertThat(lenient.isClosed()).as("the legacy protocol keeps the connection after a parse error").isFalse();

        // frames that break RFC 6455 itself: a reserved opcode, an unmasked client frame, invalid UTF-8 in a text frame
        // frames that break RFC 6455 itself (§5.2 reserved opcode, §5.1 unmasked client frame) fail only their connection
        assertThat(sendBrokenFrame(new byte[] {(byte) 0x83, (byte) 0x80, 1, 2, 3, 4}))
                .as("a reserved opcode fails the connection (close frame code, or -1 for a dropped connection)")
                .isNotEqualTo(NOT_CLOSED);
        assertThat(sendBrokenFrame(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}))
                .as("an unmasked client frame fails the connection").isNotEqualTo(NOT_CLOSED);

        int before = watcher.messages(m -> true).size();
        watcher.awaitMessage(clockUpdate.and(m -> m.get("seq").asInt() >= before), WAIT);
        watcher.awaitMessage(clockUpdate.and(m -> m.get("seq").asInt() >= before), WAIT);
        assertThat(watcher.isClosed()).isFalse();
    }

    /**
     * RFC 6455 §8.1: a text frame that is not valid UTF-8 MUST fail the connection; §7.4.1 names 1007 for it.
     * The legacy protocol must not treat it as an ordinary unparsable message and keep the connection.
     */
    @Test
    void invalidUtf8InATextFrameFailsTheConnectionWith1007() {
        assertThat(sendBrokenFrame(maskedText(new byte[] {(byte) 0xC3, 0x28})))
                .as("close code after a text frame with invalid UTF-8 (C3 28)").isEqualTo(1007);
    }

    /**
     * Upgrades a plain TCP socket by hand (legacy protocol), sends {@code frame} as is, and returns the close code of
     * the server's close frame, -1 when the server just dropped the connection, or {@link #NOT_CLOSED} when it
     * did neither within 800 ms (before the 1 s init deadline closes every connection anyway).
     */
    private int sendBrokenFrame(byte[] frame) {
        try (Socket tcp = new Socket("127.0.0.1", server.port())) {
            tcp.setSoTimeout(5000);
            OutputStream out = tcp.getOutputStream();
            out.write(("GET /arrigo/api/graphql/ws HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = tcp.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) throw new AssertionError("connection closed during the handshake: " + head);
                head.append((char) b);
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            out.write(frame);
            out.flush();
            // the legacy init deadline (1 s) would close any connection: answer before it, or it counts as not closed
            long deadline = System.nanoTime() + Duration.ofMillis(800).toNanos();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) return NOT_CLOSED;
                tcp.setSoTimeout((int) left);
                int first;
                try {
                    first = in.read();
                } catch (SocketTimeoutException e) {
                    return NOT_CLOSED;
                }
                if (first < 0) return -1;
                int length = in.read() & 0x7f;
                if (length == 126) length = (in.read() << 8) | in.read();
                byte[] payload = in.readNBytes(length);
                if ((first & 0x0f) == 0x8) return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] maskedText(byte[] payload) {
        byte[] mask = {7, 11, 13, 17};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        return frame;
    }
}
