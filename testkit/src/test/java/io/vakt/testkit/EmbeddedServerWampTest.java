package io.vakt.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The testkit's WAMP additions: the endpoint URL, service keys usable at once, the WAMP settings. */
class EmbeddedServerWampTest {
    @Test
    void aServiceKeyFromTheTestkitSignsInAtOnce() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().wamp(w -> w.withHelloTimeout(Duration.ofSeconds(3))).start()) {
            assertThat(server.wampUrl()).isEqualTo("ws://127.0.0.1:" + server.port() + "/arrigo/api/wamp");
            assertThat(server.server().config().wamp().helloTimeout()).isEqualTo(Duration.ofSeconds(3));
            String key = server.createServiceKey("reports");

            CompletableFuture<String> first = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("wamp.2.json")
                    .buildAsync(URI.create(server.wampUrl()), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            first.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("[1, \"realm1\", {\"authmethods\": [\"anonymous\"], \"authid\": \"" + key
                    + "\", \"roles\": {\"callee\": {}}}]", true);

            assertThat(first.get(10, TimeUnit.SECONDS)).startsWith("[2,").contains("\"authid\":\"reports\"", "\"authrole\":\"service\"");
            socket.abort();
        }
    }
}
