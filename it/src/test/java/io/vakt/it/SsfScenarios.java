package io.vakt.it;

import io.vakt.core.access.AccessLevel;
import io.vakt.it.WampClientScenarios.Scenario;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static io.vakt.it.WampClientScenarios.resultValue;
import static io.vakt.it.WampClientScenarios.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ServerSideFunctions end to end with a real WAMP client library: one subclass per library
 * ({@link SsfAutobahnIT}: AutobahnJS over {@code wamp.2.json}; {@link SsfPythonIT}: Autobahn|Python over
 * {@code wamp.2.msgpack}, as ArrigoLocal services talk). The client scripts call the demo's
 * {@code Overview.ssf.js} and code a service registers with {@code ssf.register}, and only report what comes
 * back; every judgement is made here.
 *
 * <p>As in {@link WampClientScenarios}, one client process runs every scenario in a row against one server
 * (started in {@link #startServerAndClient()}), and each test reads the events of its scenario. Only the
 * restart test starts servers and clients of its own, because it stops a server mid-test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SsfScenarios {
    static final String ACCOUNT = "demo";
    /** The demo view with code ({@code Landskrona/Ventilation/Overview.ssf.js}). */
    static final String OVERVIEW = ItSupport.b64("Landskrona.Ventilation.Overview.File");
    static final List<String> OVERVIEW_FUNCTIONS =
            List.of("add", "countVisit", "readSupplyAir", "setSupplyAirSetpoint", "slowSum", "fail");
    /** Areas of the demo without code of their own, so what a scenario registers there is all that is there. */
    static final String LIMITS_PATH = ItSupport.b64("Workshop");
    static final String CALLINFO_PATH = ItSupport.b64("Landskrona.Floor1");
    static final String REGISTER_PATH = ItSupport.b64("Landskrona.Floor2");

    static final String LIMITS_CODE = """
            function spin() { for (;;) {} }
            function bomb() { const a = []; for (;;) a.push(new Array(100000).fill(1.5)); }
            function ping() { return "pong"; }
            return { spin, bomb, ping };
            """;
    static final String WHO_CODE = """
            function who(k, ci) { return { token: ci.token, path: ci.path, kwargs: k }; }
            return { who };
            """;
    static final String GOOD_CODE = """
            function ok() { return "still here"; }
            return { ok };
            """;
    /** Does not parse; the error is on line {@link #BROKEN_LINE}. */
    static final String BROKEN_CODE = """
            function ok() { return "replaced"; }
            // the next line does not parse
            const broken = ;
            return { ok };
            """;
    static final int BROKEN_LINE = 3;

    /** Short, so the infinite loop ends soon; the memory bomb's limit is far below the test JVM's heap. */
    static final Duration CPU_TIME_LIMIT = Duration.ofMillis(1500);
    static final long MAX_ALLOCATION = 64L * 1024 * 1024;
    /** Within the demo setpoint's range 14–26 and away from its initial 19, so a change shows. */
    static final double WRITTEN_SETPOINT = 20.5;
    static final double REFUSED_SETPOINT = 23.0;
    /** The simulator's tick: how often the live-value hub hears from the demo controllers. */
    static final Duration SIMULATOR_INTERVAL = Duration.ofMillis(200);
    /** Five ticks: a write that went through would show in a read by then. */
    static final Duration SETTLE = SIMULATOR_INTERVAL.multipliedBy(5);

    static final List<String> SCENARIOS = List.of("results", "progress", "live", "limits", "callinfo", "register");
    /** The scenarios run one after another, so the wait for one covers those before it. */
    static final Duration SCENARIO_WAIT = Duration.ofSeconds(100);

    private Path tempDir;
    private EmbeddedServer server;
    private WampClientProcess run;
    private Map<String, String> tokens;
    private final List<WampClientProcess> started = new CopyOnWriteArrayList<>();
    private final List<EmbeddedServer> servers = new CopyOnWriteArrayList<>();

    /** Skips (or fails when {@code vakt.it.required=true}) when the library is not installed. */
    abstract void assumeClientInstalled();

    /** Starts the library's SSF script with these options. */
    abstract WampClientProcess launch(String label, Map<String, Object> options);

    /** The WAMP serializer this library's runs use. */
    abstract String serializer();

    @BeforeAll
    void startServerAndClient() throws IOException {
        assumeClientInstalled();
        tempDir = Files.createTempDirectory("vakt-it-ssf-");
        server = startServer(ItSupport.withUsers(tempDir.resolve("data"),
                Map.of("guest", AccessLevel.Guest, "operator", AccessLevel.Operator)));
        tokens = login(server);
        Map<String, Object> options = options(server, tokens, SCENARIOS);
        // only this run registers code; the restart test's runs count visits and need no service
        options.put("serviceKey", server.createServiceKey("itssf"));
        run = start("scenarios", options);
    }

    @AfterAll
    void stopEverything() throws IOException {
        started.forEach(WampClientProcess::close);
        servers.forEach(EmbeddedServer::close);
        deleteTree(tempDir);
    }

    private EmbeddedServer startServer(EmbeddedServer.Builder builder) {
        EmbeddedServer started = builder
                // a point that goes unreachable at random would make a live read flaky
                .driverSetting("simulator", "unreachableChance", "0")
                .simulatorInterval(SIMULATOR_INTERVAL)
                .configure(c -> c.withSsf(c.ssf().withCpuTimeLimit(CPU_TIME_LIMIT).withMaxAllocation(MAX_ALLOCATION)))
                .start();
        servers.add(started);
        return started;
    }

    private static Map<String, String> login(EmbeddedServer target) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", target.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken());
        for (String user : List.of("operator", "guest")) {
            tokens.put(user, target.api().login(user, ItSupport.password(user)).authToken());
        }
        return tokens;
    }

    private WampClientProcess start(String label, Map<String, Object> options) {
        WampClientProcess process = launch(getClass().getSimpleName() + " " + label, options);
        started.add(process);
        return process;
    }

    private Map<String, Object> options(EmbeddedServer target, Map<String, String> tokens, List<String> scenarios) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("url", target.wampUrl());
        options.put("serializer", serializer());
        options.put("account", ACCOUNT);
        options.put("tokens", tokens);
        options.put("paths", Map.of("overview", OVERVIEW, "limits", LIMITS_PATH, "callinfo", CALLINFO_PATH,
                "register", REGISTER_PATH));
        options.put("code", Map.of("limits", LIMITS_CODE, "who", WHO_CODE, "good", GOOD_CODE, "broken", BROKEN_CODE));
        options.put("values", Map.of("written", WRITTEN_SETPOINT, "refused", REFUSED_SETPOINT));
        options.put("settleMs", SETTLE.toMillis());
        options.put("scenarios", scenarios);
        // the limits scenario waits for 1.5 s of CPU time, which on a busy machine can take many seconds
        options.put("scenarioTimeoutMs", 45_000);
        options.put("timeoutMs", 90_000);
        return options;
    }

    private Scenario scenario(String name) {
        Scenario s = Scenario.await(run, name, SCENARIO_WAIT);
        // every session of the run spoke the serializer this class is about
        List<JsonNode> welcomes = s.all("welcome");
        assertThat(welcomes).as("sessions of scenario %s\n%s", name, s.report()).isNotEmpty();
        welcomes.forEach(w -> assertThat(text(w, "protocol")).as("subprotocol of %s", w).isEqualTo("wamp.2." + serializer()));
        return s;
    }

    // ---- results and the errors a caller can get ----

    @Test
    void resultsOfBothKwargsConventionsAndEveryKindOfError() {
        Scenario s = scenario("results");
        assertThat(value(s, "add").asInt()).as("add {a: 2, b: 3}").isEqualTo(5);
        assertThat(value(s, "add-wrapped").asInt()).as("add {kwargs: {a: 1, b: 2}, _token}").isEqualTo(3);

        JsonNode fail = error(s, "fail");
        assertThat(text(fail, "error")).as("ERROR of a function that throws").isEqualTo("wamp.error.runtime_error");
        assertThat(fail.path("args").path(0).asString()).as("ERROR args[0]: the JavaScript message")
                .isEqualTo("This function fails on purpose");

        JsonNode missing = error(s, "no-such-function");
        assertThat(text(missing, "error")).as("ERROR of an unknown function").isEqualTo("vakt.error.no_such_function");
        assertThat(missing.path("args").path(0).asString()).as("ERROR args[0] names what the path exports")
                .contains("add", "countVisit");
        assertThat(text(error(s, "invalid-path"), "error")).as("ERROR of path \"!!\"").isEqualTo("vakt.error.invalid_path");

        JsonNode info = value(s, "info");
        assertThat(text(info, "service")).as("ssf.info %s", info).isEqualTo("ssf");
        assertThat(text(info, "account")).as("ssf.info %s", info).isEqualTo(ACCOUNT);
        JsonNode overview = entry(info, OVERVIEW);
        assertThat(text(overview, "owner")).as("owner of the Overview code").isEqualTo("Landskrona.Ventilation.Overview.File");
        assertThat(strings(overview.path("functions"))).as("functions of the Overview code")
                .containsExactlyInAnyOrderElementsOf(OVERVIEW_FUNCTIONS);
        s.assertCleanEnd();
    }

    @Test
    void progressiveResultsArriveBeforeTheFinalOne() {
        Scenario s = scenario("progress");
        List<JsonNode> progress = s.all("progress");
        assertThat(progress).as("progressive RESULTs of slowSum [1, 2, 3]\n%s", s.report()).hasSize(3);
        int[] sums = {1, 3, 6};
        for (int i = 0; i < 3; i++) {
            JsonNode step = resultValue(progress.get(i));
            assertThat(step.path("step").asInt()).as("progress %d: %s", i, step).isEqualTo(i + 1);
            assertThat(step.path("of").asInt()).as("progress %d: %s", i, step).isEqualTo(3);
            assertThat(step.path("sum").asInt()).as("progress %d: %s", i, step).isEqualTo(sums[i]);
        }
        JsonNode result = s.event("result", what("slowSum"));
        assertThat(resultValue(result).path("sum").asInt()).as("final result %s", result).isEqualTo(6);
        assertThat(progress.getLast().path("seq").asInt()).as("the last progress before the final result")
                .isLessThan(result.path("seq").asInt());
        s.assertCleanEnd();
    }

    // ---- state ----

    @Test
    void stateSurvivesAServerRestart() throws IOException {
        Path dataDir = tempDir.resolve("restart-data");
        EmbeddedServer first = startServer(ItSupport.withUsers(dataDir,
                Map.of("guest", AccessLevel.Guest, "operator", AccessLevel.Operator)));
        List<Integer> before;
        try (WampClientProcess client = start("state before restart", options(first, login(first), List.of("state")))) {
            Scenario s = Scenario.await(client, "state", SCENARIO_WAIT);
            before = visits(s);
            s.assertCleanEnd();
        } finally {
            first.close();
            servers.remove(first);
        }
        assertThat(before).as("visits on fresh data").containsExactly(1, 2);

        EmbeddedServer second = startServer(EmbeddedServer.builder().dataDir(dataDir));
        try (WampClientProcess client = start("state after restart", options(second, login(second), List.of("state")))) {
            Scenario s = Scenario.await(client, "state", SCENARIO_WAIT);
            assertThat(visits(s)).as("visits after the restart continue from %s", before).containsExactly(3, 4);
            s.assertCleanEnd();
        } finally {
            second.close();
            servers.remove(second);
        }
    }

    private static List<Integer> visits(Scenario s) {
        List<Integer> visits = new ArrayList<>();
        for (String visit : List.of("visit-1", "visit-2")) {
            JsonNode value = value(s, visit);
            assertThat(value.path("visits").isIntegralNumber()).as("countVisit answer %s", value).isTrue();
            visits.add(value.path("visits").asInt());
        }
        return visits;
    }

    // ---- live values ----

    @Test
    void aLiveValueIsReadAndWrittenAndAGuestMayNotWriteIt() {
        Scenario s = scenario("live");
        JsonNode before = value(s, "read-before");
        assertThat(before.path("supplyAir").isNumber()).as("readSupplyAir supplyAir %s", before).isTrue();
        assertThat(before.path("setpoint").isNumber()).as("readSupplyAir setpoint %s", before).isTrue();
        assertThat(text(before, "timestamp")).as("readSupplyAir timestamp %s", before).isNotBlank();
        assertThat(before.path("setpoint").asDouble()).as("setpoint before the write, so the write shows")
                .isNotEqualTo(WRITTEN_SETPOINT);

        assertThat(value(s, "write").path("setpoint").asDouble()).as("setSupplyAirSetpoint as an Operator")
                .isEqualTo(WRITTEN_SETPOINT);
        // a read straight after the write may still see the previous value until the controller's next update
        // reaches the hub; the script polls for it, and it must show within a few ticks
        JsonNode lastPoll = s.all("poll").getLast();
        System.out.printf("[%s] the written setpoint showed in legacy.read after %d ms (%d reads)%n",
                getClass().getSimpleName(), lastPoll.path("ms").asLong(), lastPoll.path("attempt").asInt());
        assertThat(lastPoll.path("ms").asLong()).as("time until a read shows the write\n%s", s.report())
                .isLessThan(SETTLE.multipliedBy(3).toMillis());
        assertThat(value(s, "read-after-write").path("setpoint").asDouble()).as("setpoint read after the write\n%s", s.report())
                .isEqualTo(WRITTEN_SETPOINT);

        JsonNode guest = error(s, "guest-write");
        assertThat(text(guest, "error")).as("setSupplyAirSetpoint in a Guest's session").isEqualTo("wamp.error.not_authorized");
        JsonNode guestToken = error(s, "guest-token-write");
        assertThat(text(guestToken, "error"))
                .as("setSupplyAirSetpoint in an Admin's session with a Guest's _token: the call's token decides")
                .isEqualTo("wamp.error.not_authorized");
        assertThat(guestToken.path("args").path(0).asString()).as("the refusal names the Guest's level").contains("Guest");
        assertThat(value(s, "read-after-refusal").path("setpoint").asDouble())
                .as("setpoint %s after the refused writes\n%s", SETTLE, s.report()).isEqualTo(WRITTEN_SETPOINT);
        s.assertCleanEnd();
    }

    // ---- limits ----

    @Test
    void anInfiniteLoopIsStoppedAtItsCpuLimitWhileOtherCallsAreAnswered() {
        Scenario s = scenario("limits");
        JsonNode registered = value(s, "register");
        assertThat(text(registered, "path")).as("ssf.register answer %s", registered).isEqualTo(LIMITS_PATH);
        assertThat(strings(registered.path("functions"))).as("ssf.register functions")
                .containsExactlyInAnyOrder("spin", "bomb", "ping");

        JsonNode spin = error(s, "spin");
        assertThat(text(spin, "error")).as("ERROR of the infinite loop").isEqualTo("vakt.error.limit_exceeded");
        assertThat(spin.path("args").path(0).asString()).as("ERROR args[0] of the infinite loop").contains("CPU time");
        long elapsed = s.event("elapsed", what("spin")).path("ms").asLong();
        // CPU time, not wall time: on a busy machine the loop gets less than a whole core and runs longer, but
        // never past ssf.callTimeout (30 s), which would have stopped it with another message
        assertThat(elapsed).as("time to the loop's ERROR (CPU limit %s)\n%s", CPU_TIME_LIMIT, s.report())
                .isBetween(CPU_TIME_LIMIT.toMillis() - 100, 30_000L);

        int spinSeq = spin.path("seq").asInt();
        assertThat(s.all("error", e -> String.valueOf(text(e, "what")).endsWith("-during-spin")))
                .as("calls refused while the loop ran\n%s", s.report()).isEmpty();
        for (String what : List.of("ping", "add")) {
            List<JsonNode> answered = s.all("answered", what(what));
            answered.forEach(a -> assertThat(a.path("value")).as("answer of %s", a).isEqualTo(a.path("expected")));
            assertThat(answered.stream().filter(a -> a.path("seq").asInt() < spinSeq).toList())
                    .as("%s calls answered before the loop's ERROR\n%s", what, s.report()).isNotEmpty();
        }
        s.assertCleanEnd();
    }

    @Test
    void aMemoryBombIsStoppedAtItsAllocationLimitAndTheServerKeepsAnswering() {
        Scenario s = scenario("limits");
        JsonNode bomb = error(s, "bomb");
        assertThat(text(bomb, "error")).as("ERROR of the memory bomb").isEqualTo("vakt.error.limit_exceeded");
        assertThat(bomb.path("args").path(0).asString()).as("ERROR args[0] of the memory bomb")
                .contains("allocated more than 64 MiB").doesNotContain("OutOfMemory");
        // stopped as it reached its allocation, not when the heap ran out (which would take far longer, or forever)
        assertThat(s.event("elapsed", what("bomb")).path("ms").asLong()).as("time to the bomb's ERROR\n%s", s.report())
                .isLessThan(15_000L);
        assertThat(value(s, "ping-after").asString()).as("the same path answers after the bomb").isEqualTo("pong");
        assertThat(value(s, "add-after").asInt()).as("other code answers after the bomb").isEqualTo(5);
        s.assertCleanEnd();
    }

    /**
     * A limit's ERROR names the setting an administrator would raise, by the key the configuration and
     * docs/server-side-functions.md use.
     */
    @Test
    void limitErrorsNameTheirConfigurationKeys() {
        Scenario s = scenario("limits");
        assertThat(error(s, "spin").path("args").path(0).asString()).as("ERROR args[0] of the infinite loop")
                .contains("ssf.cpuTimeLimit");
        assertThat(error(s, "bomb").path("args").path(0).asString()).as("ERROR args[0] of the memory bomb")
                .contains("ssf.maxAllocation");
    }

    // ---- callInfo ----

    @Test
    void callInfoTokenComesFromCallmetaThenUnderscoreTokenThenTheSession() {
        Scenario s = scenario("callinfo");
        assertThat(text(value(s, "register"), "path")).as("ssf.register of the who code").isEqualTo(CALLINFO_PATH);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("session-token", tokens.get("admin"));
        expected.put("underscore-token", tokens.get("guest"));
        expected.put("callmeta-token", tokens.get("operator"));
        expected.put("callmeta-flat", tokens.get("operator"));
        expected.forEach((what, token) -> {
            JsonNode who = value(s, what);
            assertThat(text(who, "token")).as("callInfo.token (%s)", what).isEqualTo(token);
            assertThat(text(who, "path")).as("callInfo.path (%s)", what).isEqualTo(CALLINFO_PATH);
            // unwrapped, and without _token or callmeta
            assertThat(who.path("kwargs")).as("kwargs the function got (%s)", what)
                    .isEqualTo(ItSupport.JSON.readTree("{\"a\": 1}"));
        });
        assertThat(text(error(s, "forged-token"), "error")).as("a forged _token refuses the call")
                .isEqualTo("wamp.error.not_authorized");
        s.assertCleanEnd();
    }

    // ---- ssf.register ----

    @Test
    void onlyServicesRegisterAndASyntaxErrorIsReportedWithItsLine() {
        Scenario s = scenario("register");
        assertThat(text(error(s, "user-register"), "error")).as("ssf.register by a user")
                .isEqualTo("wamp.error.not_authorized");
        JsonNode registered = value(s, "register");
        assertThat(text(registered, "path")).as("ssf.register answer %s", registered).isEqualTo(REGISTER_PATH);
        assertThat(text(registered, "owner")).as("ssf.register owner").isEqualTo("Landskrona.Floor2");
        assertThat(strings(registered.path("functions"))).as("ssf.register functions").containsExactly("ok");
        assertThat(registered.has("version")).as("ssf.register version in %s", registered).isTrue();
        assertThat(value(s, "call-good").asString()).as("the registered code answers").isEqualTo("still here");

        JsonNode broken = error(s, "register-broken");
        assertThat(text(broken, "error")).as("ssf.register of code that does not parse").isEqualTo("vakt.error.invalid_code");
        assertThat(broken.path("args").path(0).asString()).as("ERROR args[0] names the line").contains("line " + BROKEN_LINE);
        assertThat(value(s, "call-after-broken").asString()).as("the previous good code keeps serving")
                .isEqualTo("still here");

        JsonNode entry = entry(value(s, "info"), REGISTER_PATH);
        assertThat(strings(entry.path("functions"))).as("ssf.info entry of the registered code").containsExactly("ok");
        s.assertCleanEnd();
    }

    // ---- helpers ----

    static Predicate<JsonNode> what(String what) { return e -> what.equals(text(e, "what")); }

    /** The value of a step that must have succeeded; fails with the scenario's events when it did not. */
    static JsonNode value(Scenario s, String what) {
        return resultValue(s.event("result", what(what)));
    }

    /** The error event of a step that must have failed. */
    static JsonNode error(Scenario s, String what) {
        return s.event("error", what(what));
    }

    /** The ssf.info entry for one path. */
    static JsonNode entry(JsonNode info, String path) {
        for (JsonNode entry : info.path("functions")) {
            if (path.equals(text(entry, "path"))) return entry;
        }
        throw new AssertionError("no ssf.info entry for " + path + " in " + info);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
