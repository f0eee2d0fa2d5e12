package io.vakt.scripting;

import io.vakt.core.error.Fault;
import io.vakt.core.path.NodePaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static io.vakt.scripting.SsfFixture.await;
import static io.vakt.scripting.SsfFixture.scriptFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Calling exported functions (spec §8.1–8.3): arguments, callInfo, results, Promises, host operations, errors. */
class SsfCallTest {
    private static final SsfFixture ssf = new SsfFixture();
    /** Every host-operation use, as {@code name args}. */
    private static final List<String> used = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        HostOperation echo = (scope, args, progress) -> {
            used.add(scope.path() + " " + args);
            return CompletableFuture.completedFuture(Map.of("args", args, "caller", scope.caller().principal().username()));
        };
        ssf.operations.put("state.get", echo);
        ssf.operations.put("state.set", echo);
        ssf.operations.put("db.query", echo);
        ssf.operations.put("legacy.read", echo);
        // completes later, on another thread, after two progress values
        ssf.operations.put("call", (scope, args, progress) -> CompletableFuture.supplyAsync(() -> {
            progress.accept(Map.of("step", 1));
            progress.accept(Map.of("step", 2));
            return "called " + args.get(0);
        }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)));
        ssf.operations.put("legacy.write", (scope, args, progress) ->
                CompletableFuture.failedFuture(Fault.NOT_AUTHORIZED.exception("no write access to AHU1.GT11")));
        ssf.start();
    }

    @AfterAll
    static void stop() { ssf.close(); }

    @Test
    void kwargsAndCallInfoReachTheFunction() {
        String path = ssf.code("""
                function show(kwargs, callInfo) {
                  return { kwargs, token: callInfo.token, path: callInfo.path, details: callInfo.details,
                           progress: typeof callInfo.details.progress, context: Object.keys(callInfo.context) };
                }
                return { show };
                """);
        Object value = ssf.value(path, "show", Map.of("a", 1, "list", List.of("x", true), "nested", Map.of("b", 1.5)));
        assertThat(value).isEqualTo(Map.of(
                "kwargs", Map.of("a", 1, "list", List.of("x", true), "nested", Map.of("b", 1.5)),
                "token", "tok-123",
                "path", NodePaths.encode(path),
                "details", Map.of("caller", 7),
                "progress", "function",
                "context", List.of("state", "db", "call", "legacy")));
    }

    @Test
    void callerWithoutTokenShowsNull() {
        String path = ssf.code("function token(k, callInfo) { return [callInfo.token === null, typeof callInfo.token]; }\nreturn { token };");
        SsfCaller anonymous = new SsfCaller(null, SsfFixture.CALLER.principal(), false);
        SsfResult result = await(ssf.runtime.execute(new SsfInvocation(path, "token", null, anonymous, null, null)));
        assertThat(result.value()).isEqualTo(List.of(true, "object"));
    }

    @Test
    void syncValuesOfEveryJsonShape() {
        String path = ssf.code("""
                return {
                  text: () => "hi", number: () => 2.5, integer: () => 7, yes: () => true, none: () => null,
                  list: () => [1, "a", null], object: () => ({ a: { b: [] } }), nothing: () => undefined,
                  date: () => new Date(0)
                };
                """);
        assertThat(ssf.value(path, "text")).isEqualTo("hi");
        assertThat(ssf.value(path, "number")).isEqualTo(2.5);
        assertThat(ssf.value(path, "integer")).isEqualTo(7);
        assertThat(ssf.value(path, "yes")).isEqualTo(true);
        assertThat(await(ssf.call(path, "none", Map.of()))).isEqualTo(SsfResult.of(null));
        assertThat(ssf.value(path, "list")).isEqualTo(java.util.Arrays.asList(1, "a", null));
        assertThat(ssf.value(path, "object")).isEqualTo(Map.of("a", Map.of("b", List.of())));
        assertThat(await(ssf.call(path, "nothing", Map.of()))).isEqualTo(SsfResult.UNDEFINED);
        assertThat(ssf.value(path, "date")).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @Test
    void promisesAndAsyncFunctionsAreAwaited() {
        String path = ssf.code("""
                function later(kwargs) { return new Promise(resolve => setTimeout(() => resolve(kwargs.x + 1), 20)); }
                async function chained(kwargs) { const a = await later(kwargs); const b = await Promise.resolve(a * 2); return b; }
                async function empty() { await null; }
                return { later, chained, empty };
                """);
        assertThat(ssf.value(path, "later", Map.of("x", 1))).isEqualTo(2);
        assertThat(ssf.value(path, "chained", Map.of("x", 1))).isEqualTo(4);
        assertThat(await(ssf.call(path, "empty", Map.of()))).isEqualTo(SsfResult.UNDEFINED);
    }

    @Test
    void asyncFunctionAwaitsHostOperations() {
        String path = ssf.code("""
                async function read(kwargs, { context }) {
                  const value = await context.state.get({ key: "setpoint" });
                  const rows = await context.db.analogs.query("select 1", [{ a: 1 }]);
                  const called = await context.call("com.example.proc", [1, 2], { kwargs: { k: 1 } });
                  return { value, rows, called };
                }
                return { read };
                """);
        Map<?, ?> value = (Map<?, ?>) ssf.value(path, "read");
        assertThat(value.get("value")).isEqualTo(Map.of("args", List.of(Map.of("key", "setpoint")), "caller", "alice"));
        assertThat(value.get("rows")).isEqualTo(Map.of("args", java.util.Arrays.asList("analogs", "select 1", List.of(Map.of("a", 1)), null), "caller", "alice"));
        assertThat(value.get("called")).isEqualTo("called com.example.proc");
    }

    @Test
    void convenienceFormsOfStateBecomeOptionObjects() {
        used.clear();
        ssf.run("""
                const s = callInfo.context.state;
                await s.get("k");
                await s.get("k", "Shared:/x.json");
                await s.get();
                await s.set({ data: 1, key: "k" });
                await s.set(5, "k", "f.json");
                await s.set({ a: 1 });
                await s.set("text");
                await callInfo.context.legacy.read(["AHU1.GT11"]);
                return true;
                """);
        assertThat(used).extracting(line -> line.substring(line.indexOf(' ') + 1)).containsExactly(
                "[{key=k}]", "[{key=k, file=Shared:/x.json}]", "[{}]", "[{data=1, key=k}]",
                "[{data=5, key=k, file=f.json}]", "[{a=1}]", "[{data=text}]", "[[AHU1.GT11]]");
        assertThat(used).allMatch(line -> line.startsWith("Test"));
    }

    @Test
    void progressReachesTheInvocation() {
        String path = ssf.code("""
                async function work(kwargs, callInfo) {
                  callInfo.details.progress({ percent: 10 });
                  await new Promise(resolve => setTimeout(resolve, 10));
                  callInfo.details.progress("half");
                  const timed = await new Promise(resolve => {
                    let n = 0;
                    const id = setInterval(() => { n++; callInfo.details.progress(n); if (n === 3) { clearInterval(id); resolve(n); } }, 5);
                  });
                  return { done: timed };
                }
                return { work };
                """);
        SsfFixture.Progress progress = new SsfFixture.Progress();
        SsfResult result = await(ssf.runtime.execute(progress.invocation(path, "work", Map.of())));
        assertThat(result.value()).isEqualTo(Map.of("done", 3));
        assertThat(progress.values).containsExactly(Map.of("percent", 10), "half", 1, 2, 3);
    }

    @Test
    void progressOfAHostCallReachesTheScript() {
        Object value = ssf.run("""
                const seen = [];
                const result = await callInfo.context.call("com.example.slow", [], { progress: p => seen.push(p.step) });
                return { seen, result };
                """);
        assertThat(value).isEqualTo(Map.of("seen", List.of(1, 2), "result", "called com.example.slow"));
    }

    @Test
    void thrownErrorBecomesScriptFailureWithTheJavaScriptMessage() {
        String path = ssf.code("""
                function boom() { throw new Error("the pump is off"); }
                async function later() { await null; throw new TypeError("bad type"); }
                function text() { throw "plain text"; }
                function custom() { const e = new Error("nope"); e.uri = "com.example.error.nope"; throw e; }
                function badUri() { const e = new Error("nope"); e.uri = "not a uri"; throw e; }
                function reference() { return missing.value; }
                return { boom, later, text, custom, badUri, reference };
                """);
        ScriptFailure boom = scriptFailure(ssf.call(path, "boom", Map.of()));
        assertThat(boom.uri()).isEqualTo("wamp.error.runtime_error");
        assertThat(boom.getMessage()).isEqualTo("the pump is off");
        assertThat(scriptFailure(ssf.call(path, "later", Map.of())).getMessage()).isEqualTo("bad type");
        assertThat(scriptFailure(ssf.call(path, "text", Map.of())).getMessage()).isEqualTo("plain text");
        ScriptFailure custom = scriptFailure(ssf.call(path, "custom", Map.of()));
        assertThat(custom.uri()).isEqualTo("com.example.error.nope");
        assertThat(scriptFailure(ssf.call(path, "badUri", Map.of())).uri()).isEqualTo("wamp.error.runtime_error");
        ScriptFailure reference = scriptFailure(ssf.call(path, "reference", Map.of()));
        assertThat(reference.getMessage()).isEqualTo("missing is not defined");
        for (ScriptFailure failure : List.of(boom, custom, reference)) {
            assertThat(failure.getMessage()).doesNotContainIgnoringCase("java").doesNotContain("Exception");
            assertThat(failure.getStackTrace()).isEmpty();
        }
    }

    @Test
    void uncaughtHostRefusalKeepsItsUri() {
        ScriptFailure failure = scriptFailure(ssf.call(ssf.code("""
                async function write(kwargs, callInfo) {
                  await callInfo.context.legacy.write({ variable: "AHU1.GT11", value: 21 });
                }
                return { write };
                """), "write", Map.of()));
        assertThat(failure.uri()).isEqualTo("wamp.error.not_authorized");
        assertThat(failure.getMessage()).isEqualTo("no write access to AHU1.GT11");
    }

    @Test
    void caughtHostRefusalIsAnOrdinaryError() {
        Object value = ssf.run("""
                try { await callInfo.context.legacy.write({}); }
                catch (e) { return { isError: e instanceof Error, message: e.message, uri: e.uri }; }
                """);
        assertThat(value).isEqualTo(Map.of("isError", true, "message", "no write access to AHU1.GT11", "uri", "wamp.error.not_authorized"));
    }

    @Test
    void missingHostOperationRejectsClearly() {
        try (SsfFixture bare = new SsfFixture().start()) {
            String path = bare.code("async function f(k, c) { return await c.context.state.get({ key: 'a' }); }\nreturn { f };");
            ScriptFailure failure = scriptFailure(bare.call(path, "f", Map.of()));
            assertThat(failure.getMessage()).isEqualTo("state.get is not available on this server");
            assertThat(failure.uri()).isEqualTo("wamp.error.runtime_error");
        }
    }

    @Test
    void legacyExecuteIsNotSupported() {
        ScriptFailure failure = scriptFailure(ssf.call(ssf.code(
                "async function f(k, c) { await c.context.legacy.execute('x := 1'); }\nreturn { f };"), "f", Map.of()));
        assertThat(failure.getMessage()).isEqualTo("legacy.execute (EXO Basic snippets) is not supported by Vakt");
        assertThat(failure.uri()).isEqualTo("wamp.error.runtime_error");
    }

    @Test
    void resultsThatAreNotJsonFailClearly() {
        String path = ssf.code("""
                function big() { return { n: 10n }; }
                function cyclic() { const a = {}; a.self = a; return a; }
                return { big, cyclic };
                """);
        ScriptFailure big = scriptFailure(ssf.call(path, "big", Map.of()));
        assertThat(big.getMessage()).startsWith("the function's result cannot be sent as JSON: ").containsIgnoringCase("BigInt");
        assertThat(scriptFailure(ssf.call(path, "cyclic", Map.of())).getMessage())
                .startsWith("the function's result cannot be sent as JSON: ").containsIgnoringCase("circular");
    }

    @Test
    void promiseThatCanNeverSettleFailsAtOnce() {
        ScriptFailure failure = scriptFailure(ssf.call(ssf.code("function f() { return new Promise(() => {}); }\nreturn { f };"), "f", Map.of()));
        assertThat(failure.getMessage()).isEqualTo("f returned a Promise that never settles: nothing is left that could settle it");
    }

    @Test
    void errorInATimerCallbackFailsTheCall() {
        ScriptFailure failure = failureOfTimer();
        assertThat(failure.getMessage()).isEqualTo("from the timer");
    }

    private static ScriptFailure failureOfTimer() {
        return scriptFailure(ssf.call(ssf.code("""
                function f() { return new Promise(resolve => setTimeout(() => { throw new Error("from the timer"); }, 5)); }
                return { f };
                """), "f", Map.of()));
    }

    @Test
    void lateCompletionsOfAnEndedCallAreIgnored() {
        CompletableFuture<Object> never = new CompletableFuture<>();
        try (SsfFixture own = new SsfFixture()) {
            own.operations.put("state.get", (scope, args, progress) -> never);
            own.start(new SsfConfig(1, 1, 10, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10),
                    64L << 20, 0, 65536, 5, FetchPolicy.disabled()));
            String path = own.code("""
                    let calls = 0;
                    function f(k, c) { calls++; c.context.state.get({}).then(() => { calls = 100; }); setTimeout(() => { calls = 200; }, 50); return calls; }
                    function count() { return calls; }
                    return { f, count };
                    """);
            assertThat(own.value(path, "f")).isEqualTo(1);
            never.complete("late");
            assertThat(own.value(path, "f")).isEqualTo(2);
            try { Thread.sleep(100); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            assertThat(own.value(path, "count")).isEqualTo(2);
        }
    }

    @Test
    void pathStatsCountCallsAndErrors() {
        String path = ssf.code("function ok() { return 1; }\nfunction bad() { throw new Error('x'); }\nreturn { ok, bad };");
        await(ssf.call(path, "ok", Map.of()));
        await(ssf.call(path, "ok", Map.of()));
        scriptFailure(ssf.call(path, "bad", Map.of()));
        PathStats stats = ssf.runtime.pathStats().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
        assertThat(stats.calls()).isEqualTo(3);
        assertThat(stats.errors()).isEqualTo(1);
        assertThat(stats.limitStops()).isZero();
        assertThat(stats.wallNanos()).isPositive();
        assertThat(stats.cpuNanos()).isPositive();
    }

    @Test
    void manyConcurrentCallsAllAnswer() {
        String path = ssf.code("async function f(k) { await new Promise(r => setTimeout(r, 1)); return k.i; }\nreturn { f };");
        List<CompletionStage<SsfResult>> stages = new ArrayList<>();
        for (int i = 0; i < 50; i++) stages.add(ssf.call(path, "f", Map.of("i", i)));
        for (int i = 0; i < 50; i++) assertThat(await(stages.get(i)).value()).isEqualTo(i);
        await().atMost(5, TimeUnit.SECONDS).until(() -> ssf.runtime.busyContexts() == 0 && ssf.runtime.queuedCalls() == 0);
    }
}
