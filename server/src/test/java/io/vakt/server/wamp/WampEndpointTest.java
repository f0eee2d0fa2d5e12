package io.vakt.server.wamp;

import io.vakt.core.access.AccessLevel;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Abort;
import io.vakt.wamp.message.WampMessage.Challenge;
import io.vakt.wamp.message.WampMessage.Welcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /arrigo/api/wamp} on a real server: negotiation, sign-in, the refusals before the upgrade (spec §7, §16 items 53–56). */
class WampEndpointTest {
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
    void negotiatesJson() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            assertThat(client.subprotocol()).isEqualTo("wamp.2.json");
            client.sendText("[1, \"realm1\", {\"authmethods\": [\"anonymous\"], \"authid\": \"" + token + "\", \"roles\":"
                    + " {\"caller\": {}, \"callee\": {}, \"publisher\": {}, \"subscriber\": {}}}]");
            WampClient.Received welcome = client.next();
            assertThat(welcome.message()).isInstanceOf(Welcome.class);
            assertThat(welcome.binary()).as("JSON travels in text frames").isFalse();
        }
    }

    @Test
    void negotiatesMsgpack() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.msgpack")) {
            assertThat(client.subprotocol()).isEqualTo("wamp.2.msgpack");
            client.hello("realm1", List.of("anonymous"), token);
            WampClient.Received welcome = client.next();
            assertThat(welcome.message()).isInstanceOf(Welcome.class);
            assertThat(welcome.binary()).as("MessagePack travels in binary frames").isTrue();
        }
    }

    @Test
    void picksTheFirstWampSubprotocolTheClientOffers() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.msgpack", "wamp.2.json")) {
            assertThat(client.subprotocol()).isEqualTo("wamp.2.msgpack");
        }
        try (WampClient client = WampClient.connect(server.wampUrl(), "mqtt", "wamp.2.json")) {
            assertThat(client.subprotocol()).isEqualTo("wamp.2.json");
        }
    }

    @Test
    void refusesUpgradeWithoutWampSubprotocol() throws IOException {
        String none = rawUpgrade("/arrigo/api/wamp", null);
        assertThat(none).startsWith("HTTP/1.1 400").contains("offer wamp.2.json, wamp.2.msgpack or wamp.2.cbor");

        String graphqlFirst = rawUpgrade("/arrigo/api/wamp", "graphql-ws, wamp.2.json");
        assertThat(graphqlFirst).startsWith("HTTP/1.1 400").contains("wamp.2.json", "before graphql-ws");
    }

    @Test
    void theGraphqlEndpointStillClosesOnAWampSubprotocol() {
        try (WampClient client = WampClient.connect("ws://127.0.0.1:" + server.port() + "/arrigo/api/graphql/ws",
                "wamp.2.json")) {
            assertThat(client.awaitClose().code()).isEqualTo(4406);
        }
    }

    @Test
    void answers426WithoutUpgrade() {
        HttpResponse<String> plain = server.get("/wamp", null);
        assertThat(plain.statusCode()).isEqualTo(426);
        assertThat(plain.headers().firstValue("Upgrade")).contains("websocket");
        assertThat(plain.body()).contains("WebSocket upgrade", "wamp.2.json or wamp.2.msgpack", "proxy dropped the Upgrade");

        assertThat(server.get("/WAMP", null).statusCode()).as("paths match in any case").isEqualTo(426);
    }

    @Test
    void upgradesOnAPathInAnotherCase() {
        try (WampClient client = WampClient.connect("ws://127.0.0.1:" + server.port() + "/Arrigo/API/Wamp", "wamp.2.json")) {
            assertThat(client.join(token).details()).containsEntry("authid", "admin");
        }
    }

    @Test
    void welcomesAnonymousWithAccessToken() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            Welcome welcome = client.join(token);
            assertThat(welcome.details()).containsEntry("realm", "realm1").containsEntry("authid", "admin")
                    .containsEntry("authrole", "user").containsEntry("authmethod", "anonymous")
                    .containsEntry("authprovider", "vakt");
            assertThat(welcome.details().toString()).as("the token never shows").doesNotContain(token);
        }
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            assertThat(client.join("Bearer " + token).details()).containsEntry("authid", "admin");
        }
    }

    @Test
    void abortsForgedToken() {
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLW9mLXNvbWVib2R5LWVsc2U";
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.hello("realm1", List.of("anonymous"), forged);
            Abort abort = client.expect(Abort.class);
            assertThat(abort.reason()).isEqualTo("wamp.error.authentication_failed");
            assertThat(abort.details()).containsEntry("message", "invalid access token or service key");
            client.awaitClose();
        }
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.hello("realm1", List.of("anonymous"), null);
            assertThat(client.expect(Abort.class).reason()).isEqualTo("wamp.error.authentication_failed");
        }
    }

    @Test
    void ticketChallengeThenWelcome() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.hello("realm1", List.of("ticket"), "admin");
            assertThat(client.expect(Challenge.class).authMethod()).isEqualTo("ticket");
            client.send(new WampMessage.Authenticate(token, Map.of()));
            assertThat(client.expect(Welcome.class).details()).containsEntry("authid", "admin")
                    .containsEntry("authmethod", "ticket");
        }
    }

    @Test
    void serviceKeyWelcomesAsService() {
        String key = server.server.createServiceKey("reports", AccessLevel.Service);
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.msgpack")) {
            Welcome welcome = client.join(key);
            assertThat(welcome.details()).containsEntry("authid", "reports").containsEntry("authrole", "service")
                    .containsEntry("authprovider", "vakt-service-key");
            assertThat(welcome.details().toString()).doesNotContain(key);
        }
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.hello("realm1", List.of("ticket"), null);
            client.expect(Challenge.class);
            client.send(new WampMessage.Authenticate(key, Map.of()));
            assertThat(client.expect(Welcome.class).details()).containsEntry("authrole", "service");
        }
    }

    @Test
    void aServiceRegistersUnderItsOwnNameAndUsersCallIt() {
        String key = server.server.createServiceKey("echo", AccessLevel.Service);
        try (WampClient service = WampClient.connect(server.wampUrl(), "wamp.2.msgpack");
             WampClient user = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            service.join(key);
            service.send(new WampMessage.Register(1, Map.of(), "accounts.demo.services.echo.say"));
            long registration = service.expect(WampMessage.Registered.class).registration();
            user.join(token);
            user.send(new WampMessage.Call(7, Map.of(), "accounts.demo.services.echo.say", Payload.of(List.of("hej"))));
            WampMessage.Invocation invocation = service.expect(WampMessage.Invocation.class);
            assertThat(invocation.registration()).isEqualTo(registration);
            service.send(new WampMessage.Yield(invocation.request(), Map.of(), invocation.payload()));
            WampMessage.Result result = user.expect(WampMessage.Result.class);
            assertThat(result.request()).isEqualTo(7);
            assertThat(result.payload().args()).containsExactly("hej");
        }
    }

    /** Spec §16 item 59; a burst of frames from the router thread must all be flushed, none left behind. */
    @Test
    void everyProgressiveResultArrivesThenTheFinalOne() {
        String key = server.server.createServiceKey("counter", AccessLevel.Service);
        int progress = 300;
        try (WampClient service = WampClient.connect(server.wampUrl(), "wamp.2.msgpack");
             WampClient user = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            service.join(key);
            service.send(new WampMessage.Register(1, Map.of(), "accounts.demo.services.counter.run"));
            service.expect(WampMessage.Registered.class);
            user.join(token);
            user.send(new WampMessage.Call(2, Map.of("receive_progress", true), "accounts.demo.services.counter.run",
                    Payload.EMPTY));
            WampMessage.Invocation invocation = service.expect(WampMessage.Invocation.class);
            StringBuilder burst = new StringBuilder();
            for (int i = 1; i <= progress; i++) {
                service.send(new WampMessage.Yield(invocation.request(), Map.of("progress", true), Payload.of(List.of((long) i))));
            }
            service.send(new WampMessage.Yield(invocation.request(), Map.of(), Payload.of(List.of("done"))));

            for (int i = 1; i <= progress; i++) {
                WampMessage.Result result = user.expect(WampMessage.Result.class);
                assertThat(result.details()).containsEntry("progress", true);
                burst.append(result.payload().args().getFirst()).append(' ');
                assertThat(result.payload().args()).as("progress %d after %s", i, burst).containsExactly((long) i);
            }
            WampMessage.Result last = user.expect(WampMessage.Result.class);
            assertThat(last.details()).doesNotContainKey("progress");
            assertThat(last.payload().args()).containsExactly("done");
        }
    }

    @Test
    void abortsUnknownRealm() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.hello("realm2", List.of("anonymous"), token);
            assertThat(client.expect(Abort.class).reason()).isEqualTo("wamp.error.no_such_realm");
        }
    }

    @Test
    void callToAnUnregisteredProcedureGetsNoSuchProcedure() {
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.join(token);
            client.send(new WampMessage.Call(3, Map.of(), "accounts.demo.services.nobody.here", Payload.EMPTY));
            WampMessage.Error error = client.expect(WampMessage.Error.class);
            assertThat(error.request()).isEqualTo(3);
            assertThat(error.error()).isEqualTo("wamp.error.no_such_procedure");
        }
    }

    @Test
    void invalidUtf8InATextMessageClosesWith1007() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(upgradeRequest("/arrigo/api/wamp", "wamp.2.json").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(readHeaders(in)).startsWith("HTTP/1.1 101");
            // a final text frame, masked as a client must, holding C3 28: a lead byte without its continuation
            byte[] payload = {(byte) 0xC3, 0x28};
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length), mask[0], mask[1], mask[2], mask[3],
                    (byte) (payload[0] ^ mask[0]), (byte) (payload[1] ^ mask[1])});
            out.flush();
            int opcode = in.read() & 0x0F;
            int length = in.read() & 0x7F;
            byte[] body = in.readNBytes(length);
            assertThat(opcode).as("a close frame").isEqualTo(0x8);
            assertThat(((body[0] & 0xFF) << 8) | (body[1] & 0xFF)).isEqualTo(1007);
        }
    }

    private static String upgradeRequest(String path, String protocols) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (protocols == null ? "" : "Sec-WebSocket-Protocol: " + protocols + "\r\n") + "\r\n";
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            headers.append((char) b);
        }
        return headers.toString();
    }

    /** Sends an upgrade request by hand and returns the whole answer (status line, headers, body). */
    private static String rawUpgrade(String path, String protocols) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String request = upgradeRequest(path, protocols);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            // the answer is small; stop once the body announced by Content-Length is in
            while ((read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (complete(answer.toString())) break;
            }
            return answer.toString();
        }
    }

    private static boolean complete(String answer) {
        int headerEnd = answer.indexOf("\r\n\r\n");
        if (headerEnd < 0) return false;
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer);
        if (!length.find()) return true;
        return answer.getBytes(StandardCharsets.UTF_8).length - (headerEnd + 4) >= Integer.parseInt(length.group(1));
    }
}
