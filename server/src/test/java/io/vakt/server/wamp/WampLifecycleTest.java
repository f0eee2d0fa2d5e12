package io.vakt.server.wamp;

import io.vakt.server.config.VaktConfig;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Goodbye;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Session ends the server causes: token expiry, shutdown; and the keep-alive pings (spec §7.4, §15 item 5, §16 item 57). */
class WampLifecycleTest {
    @Test
    void tokenExpiryEndsWithGoodbye() {
        try (TestServer server = TestServer.start(config -> config.withTokens(
                new VaktConfig.Tokens(Duration.ofSeconds(2), config.tokens().refreshLifetime())));
             WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            WampMessage.Welcome welcome = client.join(server.adminToken());
            assertThat(welcome.details()).containsKey("authextra");

            // the token lives 2 s; the GOODBYE comes when it ends, well within the client's wait
            Goodbye goodbye = client.expect(Goodbye.class);
            assertThat(goodbye.reason()).isEqualTo("vakt.close.token_expired");
            client.send(new Goodbye(Map.of(), "wamp.close.goodbye_and_out"));
            await().atMost(Duration.ofSeconds(10)).until(client::isClosed);
        }
    }

    @Test
    void pingsAreSent() {
        try (TestServer server = TestServer.start(config -> config.withWebSocket(new VaktConfig.WebSocket(
                Duration.ofMillis(200), false, config.webSocket().writeQueueHighWaterBytes())));
             WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.msgpack")) {
            client.join(server.adminToken());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.pings() >= 3);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void shutdownSendsGoodbye() {
        TestServer server = TestServer.start();
        try (WampClient client = WampClient.connect(server.wampUrl(), "wamp.2.json")) {
            client.join(server.adminToken());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

            Goodbye goodbye = client.expect(Goodbye.class);
            assertThat(goodbye.reason()).isEqualTo("wamp.close.system_shutdown");
            client.send(new Goodbye(Map.of(), "wamp.close.goodbye_and_out"));
            assertThat(client.awaitClose().code()).isEqualTo(1001);
            closing.join();
        } finally {
            server.close();
        }
    }

    @Test
    void theRouterThreadIsNamedAndGoneAfterClose() {
        TestServer server = TestServer.start();
        assertThat(routerThreads()).isEqualTo(1);
        server.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> routerThreads() == 0);
    }

    private static long routerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("vakt-wamp-router")).count();
    }
}
