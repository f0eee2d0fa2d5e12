package io.vakt.scripting;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.core.error.VaktException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real runtime (real GraalJS) for the SSF tests, with helpers to register code and call it. Host operations
 * are lambdas the test adds before {@link #start}.
 */
final class SsfFixture implements AutoCloseable {
    static final SsfCaller CALLER = new SsfCaller("tok-123", new Principal("alice", AccessLevel.Operator), false);
    private static final AtomicInteger PATHS = new AtomicInteger();

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ssf-test-timer");
        thread.setDaemon(true);
        return thread;
    });
    final Map<String, HostOperation> operations = new HashMap<>();
    SsfRuntime runtime;

    /** Small and quick limits: 2 contexts, 5 s CPU, 10 s wall, 64 MiB allocation, 5 console lines. */
    static SsfConfig config() {
        return new SsfConfig(2, 2, 100, Duration.ofSeconds(5), Duration.ofSeconds(10), 64L * 1024 * 1024,
                0, 64 * 1024, 5, FetchPolicy.disabled());
    }

    SsfFixture start() { return start(config()); }

    SsfFixture start(SsfConfig config) {
        runtime = new SsfRuntime(config, operations, timer);
        return this;
    }

    /** A path no other test uses. */
    static String newPath() { return "Test" + PATHS.incrementAndGet() + ".View.File"; }

    SsfRegistration register(String path, String code) {
        return await(runtime.register(path, code, new SsfOrigin.ProjectFile("areas/Test/" + path + ".ssf.js")));
    }

    /** Registers {@code code} under a fresh path and returns the path. */
    String code(String code) {
        String path = newPath();
        register(path, code);
        return path;
    }

    SsfInvocation invocation(String path, String method, Map<String, Object> kwargs) {
        return new SsfInvocation(path, method, kwargs, CALLER, Map.of("caller", 7), value -> { });
    }

    CompletionStage<SsfResult> call(String path, String method, Map<String, Object> kwargs) {
        return runtime.execute(invocation(path, method, kwargs));
    }

    /** Calls and returns the JSON-shaped result value. */
    Object value(String path, String method, Map<String, Object> kwargs) {
        SsfResult result = await(call(path, method, kwargs));
        assertThat(result.undefined()).as("result is undefined").isFalse();
        return result.value();
    }

    Object value(String path, String method) { return value(path, method, Map.of()); }

    /** A one-function block {@code f} with {@code body}, called once. */
    Object run(String body) {
        return value(code("async function f(kwargs, callInfo) {\n" + body + "\n}\nreturn { f };"), "f");
    }

    ScriptFailure failureOf(String body) {
        return scriptFailure(call(code("async function f(kwargs, callInfo) {\n" + body + "\n}\nreturn { f };"), "f", Map.of()));
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within 60 s", e);
        }
    }

    /** The exception the stage failed with (not wrapped). */
    static Throwable failure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within 60 s", e);
        }
    }

    static ScriptFailure scriptFailure(CompletionStage<?> stage) {
        Throwable failure = failure(stage);
        assertThat(failure).isInstanceOf(ScriptFailure.class);
        return (ScriptFailure) failure;
    }

    static VaktException vaktFailure(CompletionStage<?> stage) {
        Throwable failure = failure(stage);
        assertThat(failure).isInstanceOf(VaktException.class);
        return (VaktException) failure;
    }

    /** Collects progress values of one invocation. */
    static final class Progress {
        final List<Object> values = Collections.synchronizedList(new ArrayList<>());

        SsfInvocation invocation(String path, String method, Map<String, Object> kwargs) {
            return new SsfInvocation(path, method, kwargs, CALLER, Map.of(), values::add);
        }
    }

    @Override
    public void close() {
        if (runtime != null) runtime.close();
        timer.shutdownNow();
    }
}
