package io.vakt.scripting;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static io.vakt.scripting.SsfFixture.await;
import static io.vakt.scripting.SsfFixture.scriptFailure;
import static io.vakt.scripting.SsfFixture.vaktFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The per-call limits (spec §8.5 decision), the pool's fairness and shutdown. */
class SsfLimitsTest {
    private static SsfConfig config(int contexts, int perPath, int queued, Duration cpu, Duration wall, long statements) {
        return new SsfConfig(contexts, perPath, queued, cpu, wall, 64L * 1024 * 1024, statements, 65536, 5,
                FetchPolicy.disabled());
    }

    private static PathStats stats(SsfFixture ssf, String path) {
        return ssf.runtime.pathStats().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }

    /** A host operation that completes when the test says so. */
    private static final class Gate {
        final List<CompletableFuture<Object>> waiting = new ArrayList<>();

        HostOperation operation() {
            return (scope, args, progress) -> {
                CompletableFuture<Object> gate = new CompletableFuture<>();
                synchronized (waiting) {
                    waiting.add(gate);
                }
                return gate;
            };
        }

        int count() {
            synchronized (waiting) {
                return waiting.size();
            }
        }

        void openAll() {
            synchronized (waiting) {
                waiting.forEach(gate -> gate.complete("open"));
            }
        }
    }

    @Test
    void endlessLoopIsStoppedByTheCpuLimitWhileOtherPathsKeepAnswering() {
        try (SsfFixture ssf = new SsfFixture().start(config(2, 1, 100, Duration.ofSeconds(1), Duration.ofSeconds(20), 0))) {
            String spin = ssf.code("function spin() { for (;;) {} }\nreturn { spin };");
            String quick = ssf.code("function ping(k) { return k.n; }\nreturn { ping };");
            ssf.value(quick, "ping", Map.of("n", 0));

            CompletionStage<SsfResult> spinning = ssf.call(spin, "spin", Map.of());
            await().atMost(5, TimeUnit.SECONDS).until(() -> ssf.runtime.busyContexts() == 1);
            assertThat(ssf.value(quick, "ping", Map.of("n", 1))).isEqualTo(1);
            assertThat(spinning.toCompletableFuture()).as("the loop is still running meanwhile").isNotDone();
            for (int n = 2; n <= 10; n++) assertThat(ssf.value(quick, "ping", Map.of("n", n))).isEqualTo(n);

            VaktException stopped = vaktFailure(spinning);
            assertThat(stopped.fault()).isEqualTo(Fault.LIMIT_EXCEEDED);
            assertThat(stopped.getMessage()).isEqualTo("stopped after using 1 s of CPU time (limit ssf.cpuTimeLimit)");
            assertThat(stats(ssf, spin).limitStops()).isEqualTo(1);
            assertThat(stats(ssf, spin).errors()).isEqualTo(1);

            // the interrupted context serves the next calls
            for (int n = 0; n < 4; n++) assertThat(ssf.value(quick, "ping", Map.of("n", n))).isEqualTo(n);
        }
    }

    @Test
    void memoryBombIsStoppedAndTheContextRebuilt() {
        try (SsfFixture ssf = new SsfFixture().start(config(1, 1, 100, Duration.ofSeconds(20), Duration.ofSeconds(30), 0))) {
            String path = ssf.code("""
                    let n = 0;
                    function count() { return ++n; }
                    function bomb() { let a = []; for (;;) a.push(new Array(1e6).fill(1.5)); }
                    return { count, bomb };
                    """);
            assertThat(ssf.value(path, "count")).isEqualTo(1);
            assertThat(ssf.value(path, "count")).isEqualTo(2);

            VaktException stopped = vaktFailure(ssf.call(path, "bomb", Map.of()));
            assertThat(stopped.fault()).isEqualTo(Fault.LIMIT_EXCEEDED);
            assertThat(stopped.getMessage()).isEqualTo("allocated more than 64 MiB (limit ssf.maxAllocation)");

            // a fresh context: the module state starts over
            assertThat(ssf.value(path, "count")).isEqualTo(1);
            assertThat(stats(ssf, path).limitStops()).isEqualTo(1);
        }
    }

    @Test
    void statementLimitStopsTheCallAndTheContextIsRebuilt() {
        try (SsfFixture ssf = new SsfFixture().start(config(1, 1, 100, Duration.ofSeconds(20), Duration.ofSeconds(30), 10_000))) {
            ssf.operations.clear();
            String path = ssf.code("""
                    async function modest(k, c) {
                      let s = 0;
                      for (let i = 0; i < 100; i++) s += i;
                      console.log("sum", s);
                      await new Promise(r => setTimeout(r, 1));
                      return s;
                    }
                    function endless() { for (let i = 0; ; i++) {} }
                    return { modest, endless };
                    """);
            assertThat(ssf.value(path, "modest")).isEqualTo(4950);
            VaktException stopped = vaktFailure(ssf.call(path, "endless", Map.of()));
            assertThat(stopped.fault()).isEqualTo(Fault.LIMIT_EXCEEDED);
            assertThat(stopped.getMessage()).isEqualTo("executed more than 10000 statements (limit ssf.statementLimit)");
            for (int i = 0; i < 3; i++) assertThat(ssf.value(path, "modest")).isEqualTo(4950);
        }
    }

    @Test
    void wallTimeLimitEndsACallWaitingOnAPromise() {
        try (SsfFixture ssf = new SsfFixture().start(config(1, 1, 100, Duration.ofSeconds(5), Duration.ofSeconds(1), 0))) {
            String path = ssf.code("""
                    async function sleepy() { await new Promise(r => setTimeout(r, 60000)); return "woke"; }
                    function quick() { return "quick"; }
                    return { sleepy, quick };
                    """);
            long start = System.nanoTime();
            VaktException stopped = vaktFailure(ssf.call(path, "sleepy", Map.of()));
            assertThat(stopped.fault()).isEqualTo(Fault.LIMIT_EXCEEDED);
            assertThat(stopped.getMessage()).isEqualTo("took longer than 1 s (limit ssf.callTimeout)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(ssf.value(path, "quick")).isEqualTo("quick");
        }
    }

    @Test
    void endlessTopLevelCodeIsRefusedAtRegistration() {
        try (SsfFixture ssf = new SsfFixture().start(config(1, 1, 100, Duration.ofSeconds(1), Duration.ofSeconds(20), 0))) {
            VaktException refused = vaktFailure(ssf.runtime.register(SsfFixture.newPath(), "for (;;) {}\nreturn { f() {} };",
                    new SsfOrigin.ProjectFile("areas/x/area.ssf.js")));
            assertThat(refused.fault()).isEqualTo(Fault.INVALID_CODE);
            assertThat(refused.getMessage()).isEqualTo(
                    "areas/x/area.ssf.js: top-level code stopped after using 1 s of CPU time (limit ssf.cpuTimeLimit)");
            assertThat(ssf.value(ssf.code("function f() { return 1; }\nreturn { f };"), "f")).isEqualTo(1);
        }
    }

    @Test
    void tooManyWaitingCallsAreRefused() {
        Gate gate = new Gate();
        try (SsfFixture ssf = new SsfFixture()) {
            ssf.operations.put("state.get", gate.operation());
            ssf.start(config(1, 1, 2, Duration.ofSeconds(5), Duration.ofSeconds(20), 0));
            String path = ssf.code("async function f(k, c) { return await c.context.state.get({}); }\nreturn { f };");
            List<CompletionStage<SsfResult>> accepted = new ArrayList<>();
            accepted.add(ssf.call(path, "f", Map.of()));
            await().atMost(5, TimeUnit.SECONDS).until(() -> gate.count() == 1);
            accepted.add(ssf.call(path, "f", Map.of()));
            accepted.add(ssf.call(path, "f", Map.of()));
            assertThat(ssf.runtime.queuedCalls()).isEqualTo(2);
            assertThat(ssf.runtime.busyContexts()).isEqualTo(1);

            VaktException refused = vaktFailure(ssf.call(path, "f", Map.of()));
            assertThat(refused.fault()).isEqualTo(Fault.LIMIT_EXCEEDED);
            assertThat(refused.getMessage()).isEqualTo("too many ServerSideFunction calls waiting (at most 2)");

            while (accepted.stream().anyMatch(stage -> !stage.toCompletableFuture().isDone())) {
                gate.openAll();
                Thread.onSpinWait();
            }
            accepted.forEach(stage -> assertThat(await(stage).value()).isEqualTo("open"));
        }
    }

    @Test
    void slowPathHoldsNoMoreThanItsShareOfContexts() {
        Gate gate = new Gate();
        try (SsfFixture ssf = new SsfFixture()) {
            ssf.operations.put("state.get", gate.operation());
            ssf.start(config(2, 1, 100, Duration.ofSeconds(5), Duration.ofSeconds(20), 0));
            String slow = ssf.code("async function f(k, c) { return await c.context.state.get({}); }\nreturn { f };");
            String fast = ssf.code("function g() { return 'fast'; }\nreturn { g };");
            List<CompletionStage<SsfResult>> slowCalls = new ArrayList<>();
            for (int i = 0; i < 3; i++) slowCalls.add(ssf.call(slow, "f", Map.of()));
            await().atMost(5, TimeUnit.SECONDS).until(() -> gate.count() == 1);
            assertThat(ssf.runtime.busyContexts()).isEqualTo(1);
            assertThat(ssf.runtime.queuedCalls()).isEqualTo(2);

            for (int i = 0; i < 5; i++) assertThat(ssf.value(fast, "g")).isEqualTo("fast");
            assertThat(gate.count()).as("the slow path still runs one call at a time").isEqualTo(1);

            await().atMost(10, TimeUnit.SECONDS).until(() -> {
                gate.openAll();
                return slowCalls.stream().allMatch(stage -> stage.toCompletableFuture().isDone());
            });
            slowCalls.forEach(stage -> assertThat(await(stage).value()).isEqualTo("open"));
        }
    }

    @Test
    void closeFailsRunningAndWaitingCalls() {
        Gate gate = new Gate();
        SsfFixture ssf = new SsfFixture();
        ssf.operations.put("state.get", gate.operation());
        ssf.start(config(2, 2, 100, Duration.ofSeconds(30), Duration.ofSeconds(60), 0));
        String path = ssf.code("""
                async function waits(k, c) { return await c.context.state.get({}); }
                function spins() { for (;;) {} }
                return { waits, spins };
                """);
        CompletionStage<SsfResult> waiting = ssf.call(path, "waits", Map.of());
        CompletionStage<SsfResult> spinning = ssf.call(path, "spins", Map.of());
        CompletionStage<SsfResult> queued = ssf.call(path, "waits", Map.of());
        await().atMost(5, TimeUnit.SECONDS).until(() -> ssf.runtime.busyContexts() == 2 && gate.count() == 1);

        ssf.close();
        for (CompletionStage<SsfResult> stage : List.of(waiting, spinning, queued)) {
            ScriptFailure failure = scriptFailure(stage);
            assertThat(failure.uri()).isEqualTo("wamp.error.runtime_error");
            assertThat(failure.getMessage()).isEqualTo("the server is shutting down");
        }
        assertThat(scriptFailure(ssf.call(path, "waits", Map.of())).getMessage()).isEqualTo("the server is shutting down");
        assertThat(SsfFixture.failure(ssf.runtime.register(path, "return { f() {} };", new SsfOrigin.ProjectFile("x.ssf.js"))))
                .isInstanceOf(ScriptFailure.class);
    }
}
