package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Invocation;
import io.vakt.wamp.message.WampMessage.Result;
import io.vakt.wamp.message.WampMessage.Yield;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.serializer.Serializers;
import io.vakt.wamp.testing.QueuedExecutor;
import io.vakt.wamp.testing.RouterFixture;
import io.vakt.wamp.testing.WampTestClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** In-process sessions ({@link LocalSession}) talking with remote ones through the router. */
class LocalSessionTest {
    private static final String EXECUTE = "accounts.acme.services.ssf.execute";

    private final RouterFixture fixture = new RouterFixture();
    private final QueuedExecutor handlers = new QueuedExecutor();
    private final LocalSession ssf = fixture.router.joinLocal("realm1", Identity.system("ssf"), handlers);

    private static <T> T done(CompletableFuture<T> future) {
        assertThat(future).isDone();
        return future.join();
    }

    private static WampException failure(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WampException.class);
            return (WampException) e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("did not fail");
    }

    private long register(String procedure, Map<String, Object> options, LocalProcedure procedureHandler) {
        CompletableFuture<Long> registered = ssf.register(procedure, options, procedureHandler);
        handlers.runAll();
        return done(registered);
    }

    @Test
    void joinsAsSessionOfTheRealm() {
        assertThat(fixture.router.sessionCount()).isEqualTo(1);
        assertThat(fixture.stats.sessionsJoined.sum()).isEqualTo(1);
        WampTestClient service = fixture.joined("key-ssf");
        service.send(new Call(1, Map.of(), "wamp.session.get", Payload.of(List.of(ssf.sessionId()))));

        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) service.last(Result.class).payload().args().get(0);
        assertThat(described).containsEntry("session", ssf.sessionId()).containsEntry("authid", "ssf")
                .containsEntry("authrole", Identity.SYSTEM_ROLE).containsEntry("transport", Map.of("type", "local"));
    }

    @Test
    void localSessionProcedureCalledFromRemote() {
        List<LocalInvocation> seen = new ArrayList<>();
        register(EXECUTE, Map.of("disclose_caller", true), invocation -> {
            seen.add(invocation);
            return CompletableFuture.completedFuture(Payload.of(List.of("ran " + invocation.arguments().args().get(1))));
        });
        WampTestClient browser = fixture.joined("token-alice");

        browser.send(new Call(3, Map.of(), "Accounts.Acme.Services.SSF.Execute", Payload.of(List.of("L3ZpZXc=", "onClick"))));

        assertThat(seen).as("the procedure runs on the handler executor, not within the router's task").isEmpty();
        assertThat(browser.received()).isEmpty();
        handlers.runAll();

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).details()).containsEntry("caller", browser.sessionId()).containsEntry("caller_authid", "alice");
        assertThat(seen.get(0).caller().authid()).as("in-process callees learn who called, credential included")
                .isEqualTo("alice");
        assertThat(seen.get(0).caller().credential()).isEqualTo("token-alice");
        Result result = browser.last(Result.class);
        assertThat(result.request()).isEqualTo(3);
        assertThat(result.payload().args()).containsExactly("ran onClick");
    }

    @Test
    void localProcedureSendsProgressWhenTheCallerAskedForIt() {
        register(EXECUTE, Map.of(), invocation -> {
            invocation.progress().send(Payload.of(List.of(1L)));
            invocation.progress().send(Payload.of(List.of(2L)));
            return CompletableFuture.completedFuture(Payload.of(List.of("done")));
        });
        WampTestClient progressive = fixture.joined("token-alice");
        WampTestClient plain = fixture.joined("token-bob");

        progressive.send(new Call(1, Map.of("receive_progress", true), EXECUTE, Payload.EMPTY));
        plain.send(new Call(1, Map.of(), EXECUTE, Payload.EMPTY));
        handlers.runAll();

        assertThat(progressive.received(Result.class)).extracting(r -> r.payload().args().get(0)).containsExactly(1L, 2L, "done");
        assertThat(progressive.received(Result.class).get(0).details()).containsEntry("progress", true);
        assertThat(plain.received(Result.class)).extracting(r -> r.payload().args().get(0)).containsExactly("done");
    }

    @Test
    void localProcedureErrorsBecomeWampErrors() {
        register("com.example.denied", Map.of(), invocation -> {
            throw new WampException("vakt.error.no_such_function", "no function onClick");
        });
        register("com.example.broken", Map.of(), invocation -> CompletableFuture.failedFuture(new IllegalStateException("state file is corrupt")));
        register("com.example.nothing", Map.of(), invocation -> null);
        WampTestClient caller = fixture.joined("token-alice");

        caller.send(new Call(1, Map.of(), "com.example.denied", Payload.EMPTY));
        caller.send(new Call(2, Map.of(), "com.example.broken", Payload.EMPTY));
        caller.send(new Call(3, Map.of(), "com.example.nothing", Payload.EMPTY));
        handlers.runAll();

        List<WampMessage.Error> errors = caller.received(WampMessage.Error.class);
        assertThat(errors).extracting(WampMessage.Error::request).containsExactly(1L, 2L, 3L);
        assertThat(errors.get(0).error()).isEqualTo("vakt.error.no_such_function");
        assertThat(errors.get(0).payload().args()).containsExactly("no function onClick");
        assertThat(errors.get(1).error()).isEqualTo(WampUris.RUNTIME_ERROR);
        assertThat(errors.get(1).payload().args()).containsExactly("state file is corrupt");
        assertThat(errors.get(2).error()).isEqualTo(WampUris.RUNTIME_ERROR);
    }

    @Test
    void remoteProcedureCalledFromLocalSession() {
        WampTestClient service = fixture.joined("key-ssf", Serializers.MSGPACK);
        service.send(new WampMessage.Register(1, Map.of("disclose_caller", true), "accounts.acme.services.ssf.state.get"));
        List<Object> progress = new ArrayList<>();

        CompletableFuture<CallResult> answer = ssf.call("accounts.acme.services.ssf.state.get",
                Payload.of(List.of("path", "key")), Map.of(), p -> progress.add(p.args().get(0)));

        Invocation invocation = service.last(Invocation.class);
        assertThat(invocation.payload().args()).containsExactly("path", "key");
        assertThat(invocation.details()).containsEntry("caller", ssf.sessionId()).containsEntry("receive_progress", true);
        service.send(new Yield(invocation.request(), Map.of("progress", true), Payload.of(List.of("partial"))));
        service.send(new Yield(invocation.request(), Map.of(), Payload.of(List.of(), Map.of("value", 3.5))));

        assertThat(answer).as("answers are delivered on the handler executor").isNotDone();
        handlers.runAll();
        assertThat(progress).containsExactly("partial");
        CallResult result = done(answer);
        assertThat(result.payload().kwargs()).containsEntry("value", 3.5);
    }

    @Test
    void localCallFailsWithTheErrorUri() {
        CompletableFuture<CallResult> missing = ssf.call("com.example.nobody", Payload.EMPTY, null, null);
        CompletableFuture<CallResult> invalid = ssf.call("com..bad", Payload.EMPTY, Map.of(), null);
        handlers.runAll();

        assertThat(failure(missing).uri()).isEqualTo(WampUris.NO_SUCH_PROCEDURE);
        assertThat(failure(invalid).uri()).isEqualTo(WampUris.INVALID_URI);
    }

    @Test
    void localRequestsAreCheckedByThePermissionTable() {
        Identity alice = new Identity("alice", Identity.USER_ROLE, "internal", "vakt",
                new io.vakt.core.access.Principal("alice", io.vakt.core.access.AccessLevel.Operator), null, null);
        LocalSession user = fixture.router.joinLocal("realm1", alice, handlers);

        CompletableFuture<Long> registered = user.register(EXECUTE, Map.of(), invocation -> null);
        CompletableFuture<Long> published = user.publish("vakt.internal", Payload.EMPTY, Map.of("acknowledge", true));
        handlers.runAll();

        assertThat(failure(registered).uri()).isEqualTo(WampUris.NOT_AUTHORIZED);
        assertThat(failure(registered).payload().args()).containsExactly("alice may not register " + EXECUTE);
        assertThat(failure(published).uri()).isEqualTo(WampUris.NOT_AUTHORIZED);
    }

    @Test
    void localSubscribeReceivesRemotePublish() {
        List<LocalEvent> events = new ArrayList<>();
        CompletableFuture<Long> subscribed = ssf.subscribe("com.example.Alarms", Map.of(), events::add);
        CompletableFuture<Long> pattern = ssf.subscribe("com.example.", Map.of("match", "prefix"), events::add);
        handlers.runAll();
        long subscription = done(subscribed);
        assertThat(done(pattern)).isNotEqualTo(subscription);
        WampTestClient publisher = fixture.joined("token-alice");

        publisher.send(new WampMessage.Publish(1, Map.of(), "com.example.alarms", Payload.of(List.of("high"))));
        publisher.send(new WampMessage.Publish(2, Map.of(), "com.example.values", Payload.of(List.of(7L))));

        assertThat(events).as("events are delivered on the handler executor").isEmpty();
        handlers.runAll();
        assertThat(events).extracting(LocalEvent::topic).containsExactlyInAnyOrder("com.example.alarms", "com.example.alarms", "com.example.values");
        assertThat(events).filteredOn(e -> e.topic().equals("com.example.values")).singleElement()
                .satisfies(e -> assertThat(e.payload().args()).containsExactly(7L));
    }

    @Test
    void localPublishReachesRemoteSubscribers() {
        WampTestClient subscriber = fixture.joined("token-alice");
        subscriber.send(new WampMessage.Subscribe(1, Map.of(), "com.example.values"));

        CompletableFuture<Long> unacknowledged = ssf.publish("com.example.values", Payload.of(List.of(1L)), Map.of());
        CompletableFuture<Long> acknowledged = ssf.publish("com.example.values", Payload.of(List.of(2L)), Map.of("acknowledge", true));
        handlers.runAll();

        assertThat(done(unacknowledged)).isZero();
        assertThat(done(acknowledged)).isPositive();
        assertThat(subscriber.received(WampMessage.Event.class)).extracting(e -> e.payload().args().get(0)).containsExactly(1L, 2L);
    }

    @Test
    void unregisterStopsCalls() {
        long registration = register(EXECUTE, Map.of(), invocation -> CompletableFuture.completedFuture(Payload.EMPTY));
        CompletableFuture<Void> unregistered = ssf.unregister(registration);
        handlers.runAll();
        assertThat(unregistered).isCompleted();

        WampTestClient caller = fixture.joined("token-alice");
        caller.send(new Call(1, Map.of(), EXECUTE, Payload.EMPTY));
        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo(WampUris.NO_SUCH_PROCEDURE);

        CompletableFuture<Void> again = ssf.unregister(registration);
        handlers.runAll();
        assertThat(failure(again).uri()).isEqualTo(WampUris.NO_SUCH_REGISTRATION);
    }

    @Test
    void remoteCancelInterruptsLocalProcedure() {
        CompletableFuture<Payload> running = new CompletableFuture<>();
        register(EXECUTE, Map.of(), invocation -> running);
        WampTestClient caller = fixture.joined("token-alice");
        caller.send(new Call(1, Map.of(), EXECUTE, Payload.EMPTY));
        handlers.runAll();

        caller.send(new WampMessage.Cancel(1, Map.of("mode", "kill")));
        handlers.runAll();

        assertThat(running).isCancelled();
        WampMessage.Error error = caller.last(WampMessage.Error.class);
        assertThat(error.request()).isEqualTo(1);
        assertThat(error.error()).isEqualTo(WampUris.CANCELED);
        assertThat(caller.received(WampMessage.Error.class)).hasSize(1);
    }

    @Test
    void cancellingTheLocalCallCancelsTheRemoteInvocation() {
        WampTestClient service = fixture.joined("key-ssf");
        service.send(new WampMessage.Register(1, Map.of(), "accounts.acme.services.ssf.slow"));
        CompletableFuture<CallResult> answer = ssf.call("accounts.acme.services.ssf.slow", Payload.EMPTY, Map.of(), null);
        Invocation invocation = service.last(Invocation.class);

        answer.cancel(true);

        assertThat(service.last(WampMessage.Interrupt.class).request()).isEqualTo(invocation.request());
    }

    @Test
    void leaveEndsRegistrationsAndFailsOpenRequests() {
        register(EXECUTE, Map.of(), invocation -> new CompletableFuture<>());
        WampTestClient service = fixture.joined("key-ssf");
        service.send(new WampMessage.Register(1, Map.of(), "accounts.acme.services.ssf.slow"));
        CompletableFuture<CallResult> open = ssf.call("accounts.acme.services.ssf.slow", Payload.EMPTY, Map.of(), null);

        ssf.leave();
        handlers.runAll();

        assertThat(failure(open).uri()).isEqualTo(WampUris.CLOSE_NORMAL);
        assertThat(fixture.router.sessionCount()).isEqualTo(1);
        WampTestClient caller = fixture.joined("token-alice");
        caller.send(new Call(1, Map.of(), EXECUTE, Payload.EMPTY));
        assertThat(caller.last(WampMessage.Error.class).error()).isEqualTo(WampUris.NO_SUCH_PROCEDURE);

        CompletableFuture<Long> late = ssf.subscribe("com.example.topic", Map.of(), event -> { });
        handlers.runAll();
        assertThat(failure(late).uri()).isEqualTo(WampUris.CLOSE_NORMAL);
        ssf.leave();
    }

    @Test
    void killedThroughTheMetaApi() {
        CompletableFuture<Long> subscribed = ssf.subscribe("com.example.topic", Map.of(), event -> { });
        handlers.runAll();
        done(subscribed);
        WampTestClient admin = fixture.joined("key-ssf");

        admin.send(new Call(1, Map.of(), "wamp.session.kill", Payload.of(List.of(ssf.sessionId()))));

        assertThat(admin.last(Result.class).request()).isEqualTo(1);
        assertThat(fixture.router.sessionCount()).isEqualTo(1);
        CompletableFuture<Long> after = ssf.publish("com.example.topic", Payload.EMPTY, Map.of("acknowledge", true));
        handlers.runAll();
        assertThat(failure(after).uri()).isEqualTo(WampUris.CLOSE_KILLED);
    }

    @Test
    void shutdownEndsLocalSessions() {
        fixture.router.shutdown();

        assertThat(fixture.router.sessionCount()).isZero();
        CompletableFuture<CallResult> after = ssf.call("com.example.any", Payload.EMPTY, Map.of(), null);
        handlers.runAll();
        assertThat(failure(after).uri()).isEqualTo(WampUris.CLOSE_SYSTEM_SHUTDOWN);
        LocalSession late = fixture.router.joinLocal("realm1", Identity.system("late"), handlers);
        assertThat(fixture.router.sessionCount()).isZero();
        late.leave();
    }

    @Test
    void unknownRealmIsRefusedAtOnce() {
        assertThatThrownBy(() -> fixture.router.joinLocal("realm9", Identity.system("x"), handlers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm9");
    }
}
