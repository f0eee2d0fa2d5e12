package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampRouter;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.serializer.Serializers;
import io.vakt.wamp.testing.FakeAuthenticator;
import io.vakt.wamp.testing.ThreadScheduler;
import io.vakt.wamp.testing.WampTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Local sessions with the router on its own thread and handlers on a pool, as the server runs them. */
class LocalSessionThreadsTest {
    private final ThreadScheduler scheduler = new ThreadScheduler();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final WampRouter router = new WampRouter(WampConfig.defaults("acme"), new FakeAuthenticator(), scheduler, new WampStats());

    @AfterEach
    void stop() {
        pool.shutdownNow();
        scheduler.close();
    }

    @Test
    void handlersAndAnswersNeverRunOnTheRouterThread() throws Exception {
        Queue<Boolean> onRouterThread = new ConcurrentLinkedQueue<>();
        LocalSession ssf = router.joinLocal("realm1", Identity.system("ssf"), pool);
        LocalSession client = router.joinLocal("realm1", Identity.system("client"), pool);
        ssf.register("com.example.echo", Map.of(), invocation -> {
            onRouterThread.add(ThreadScheduler.onRouterThread());
            invocation.progress().send(Payload.of(List.of("working")));
            return CompletableFuture.supplyAsync(() -> invocation.arguments(), pool);
        }).get(5, TimeUnit.SECONDS);

        List<CompletableFuture<CallResult>> calls = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            calls.add(client.call("com.example.echo", Payload.of(List.of(i)), Map.of(), progress -> onRouterThread.add(ThreadScheduler.onRouterThread()))
                    .whenComplete((result, failure) -> onRouterThread.add(ThreadScheduler.onRouterThread())));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).get(5, TimeUnit.SECONDS).payload().args()).containsExactly((long) i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> onRouterThread.size() == 150);
        assertThat(onRouterThread).containsOnly(false);
    }

    @Test
    void remoteCallerOverRealThreads() throws Exception {
        LocalSession ssf = router.joinLocal("realm1", Identity.system("ssf"), pool);
        ssf.register("accounts.acme.services.ssf.info", Map.of(),
                invocation -> CompletableFuture.completedFuture(Payload.of(List.of(Map.of("methods", List.of("execute"))))))
                .get(5, TimeUnit.SECONDS);
        WampTestClient browser = new WampTestClient(router, Serializers.JSON);
        browser.hello("token-alice");
        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.received(WampMessage.Welcome.class).isEmpty());

        browser.send(new WampMessage.Call(1, Map.of(), "accounts.acme.services.ssf.info", Payload.EMPTY));

        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.received(WampMessage.Result.class).isEmpty());
        assertThat(browser.last(WampMessage.Result.class).payload().args()).containsExactly(Map.of("methods", List.of("execute")));
        assertThat(router.sessionCount()).isEqualTo(2);

        router.shutdown();
        await().atMost(Duration.ofSeconds(5)).until(() -> router.sessionCount() == 0);
        assertThat(browser.last(WampMessage.Goodbye.class).reason()).isEqualTo("wamp.close.system_shutdown");
    }
}
