package io.vakt.it;

import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WAMP interop scenarios (spec §7, checklist 53–60) every client library runs against a real server: one
 * subclass per library ({@link WampAutobahnIT}, {@link WampWampyIT}, {@link WampPythonIT}), each over
 * {@code wamp.2.json} and {@code wamp.2.msgpack}.
 *
 * <p>To keep the run short, the client scripts are started once per serializer in {@link #startServersAndClients()}
 * and run every scenario in a row (the two serializers in parallel, each below its own URI tag); each test then
 * reads the events of its scenario. The token-expiry runs go to a second server with a 5 s access-token lifetime
 * and are started first, so their waiting overlaps with everything else. Only the killed-callee test starts its
 * own processes, because it kills one of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WampClientScenarios {
    static final List<String> SERIALIZERS = List.of("json", "msgpack");
    static final List<String> SCENARIOS = List.of("login", "ssf-info", "rpc", "not-authorized", "progress",
            "timeout", "cancel", "shared", "pubsub", "patterns", "meta");
    static final String ACCOUNT = "demo";
    /** A run's scenarios go one after another, so the wait for one covers those before it. */
    static final Duration SCENARIO_WAIT = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for a client to start and join before it runs out, even on a busy CI machine. */
    static final Duration SHORT_TOKEN_LIFETIME = Duration.ofSeconds(5);

    /**
     * What a library's API can express; the router is tested on all of it.
     *
     * @param discloseCaller       the callee sees the caller (REGISTER disclose_caller or CALL disclose_me)
     * @param cancelModes          the CANCEL modes the library can send and survive
     * @param publisherDisclosure  PUBLISH disclose_me
     * @param calleeAnnouncesProgress the library announces callee progressive_call_results in HELLO
     * @param calleeAnnouncesCanceling the library announces callee call_canceling, so a timeout or a cancel
     *                             (other than skip) interrupts it, and otherwise must not
     * @param pubsubReceived       the payloads each pub/sub session (A, B, P) must receive, in order
     */
    record Capabilities(boolean discloseCaller, List<String> cancelModes, boolean publisherDisclosure,
                        boolean calleeAnnouncesProgress, boolean calleeAnnouncesCanceling,
                        Map<String, List<String>> pubsubReceived) {}

    EmbeddedServer server;
    private EmbeddedServer shortLived;
    private String serviceKey;
    private final Map<String, WampClientProcess> runs = new LinkedHashMap<>();
    private final Map<String, WampClientProcess> expiryRuns = new LinkedHashMap<>();
    private final List<WampClientProcess> started = new CopyOnWriteArrayList<>();

    /** Skips (or fails on CI) when the library is not installed. */
    abstract void assumeClientInstalled();

    /** Starts the library's script with these options. */
    abstract WampClientProcess launch(String label, Map<String, Object> options);

    /** The service this class's key is for; also the second URI component of its topics. */
    abstract String serviceName();

    abstract Capabilities capabilities();

    /** The scenarios of the shared runs; a library may add its own. */
    List<String> scenarios() { return SCENARIOS; }

    @BeforeAll
    void startServersAndClients() {
        assumeClientInstalled();
        server = EmbeddedServer.builder().start();
        shortLived = EmbeddedServer.builder().accessTokenLifetime(SHORT_TOKEN_LIFETIME).start();
        serviceKey = server.createServiceKey(serviceName());
        for (String serializer : SERIALIZERS) {
            ApiClient.Tokens tokens = shortLived.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
            Map<String, Object> options = options(shortLived, tokens, serializer, serializer, List.of("token-expiry"));
            options.put("scenarioTimeoutMs", 25_000);
            expiryRuns.put(serializer, start("token-expiry/" + serializer, options));
        }
        ApiClient.Tokens admin = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
        for (String serializer : SERIALIZERS) {
            runs.put(serializer, start("scenarios/" + serializer, options(server, admin, serializer, serializer, scenarios())));
        }
    }

    @AfterAll
    void stopEverything() {
        started.forEach(WampClientProcess::close);
        if (server != null) server.close();
        if (shortLived != null) shortLived.close();
    }

    WampClientProcess start(String label, Map<String, Object> options) {
        WampClientProcess process = launch(getClass().getSimpleName() + " " + label, options);
        started.add(process);
        return process;
    }

    Map<String, Object> options(EmbeddedServer target, ApiClient.Tokens tokens, String serializer, String tag,
                                List<String> scenarios) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("url", target.wampUrl());
        options.put("apiUrl", target.apiUrl());
        options.put("serializer", serializer);
        options.put("tag", tag);
        options.put("account", ACCOUNT);
        options.put("username", EmbeddedServer.ADMIN);
        options.put("userToken", tokens.authToken());
        options.put("refreshToken", tokens.refreshToken());
        options.put("serviceName", serviceName());
        options.put("serviceKey", serviceKey);
        options.put("scenarios", scenarios);
        options.put("timeoutMs", 60_000);
        return options;
    }

    String procedure(String tag, String name) {
        return "accounts." + ACCOUNT + ".services." + serviceName() + "." + tag + "." + name;
    }

    String topic(String tag, String name) {
        return "com.example." + serviceName() + "." + tag + "." + name;
    }

    Scenario scenario(String serializer, String name) {
        return Scenario.await(runs.get(serializer), name, SCENARIO_WAIT);
    }

    // ---- 54, 55, 56 ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void ticketAnonymousTokenAndServiceKeyLoginsAndRefusals(String serializer) {
        Scenario s = scenario(serializer, "login");
        JsonNode challenge = s.event("challenge", label("ticket"));
        assertThat(text(challenge, "method")).as("CHALLENGE method").isEqualTo("ticket");
        assertThat(s.all("challenge", label("anonymous").or(label("service")))).as("challenges without ticket").isEmpty();
        for (String how : List.of("ticket", "anonymous")) {
            JsonNode welcome = s.event("welcome", how(how));
            assertThat(text(welcome, "authid")).as("WELCOME authid (%s)", how).isEqualTo(EmbeddedServer.ADMIN);
            assertThat(text(welcome, "authrole")).as("WELCOME authrole (%s)", how).isEqualTo("user");
        }
        JsonNode service = s.event("welcome", how("service"));
        assertThat(text(service, "authid")).as("WELCOME authid of a service").isEqualTo(serviceName());
        assertThat(text(service, "authrole")).as("WELCOME authrole of a service").isEqualTo("service");

        // 53: the subprotocol the library ended up with (welcome details or the socket, whichever it exposes)
        List<JsonNode> protocols = s.all(e -> e.has("protocol") && e.get("protocol").isString());
        assertThat(protocols).as("negotiated subprotocol reported\n%s", s.report()).isNotEmpty();
        protocols.forEach(e -> assertThat(text(e, "protocol")).as("subprotocol in %s", e).isEqualTo("wamp.2." + serializer));

        assertThat(text(s.event("abort", how("forged")), "reason")).as("forged AT").isEqualTo("wamp.error.authentication_failed");
        assertThat(text(s.event("abort", how("forged-ticket")), "reason")).as("forged ticket")
                .isEqualTo("wamp.error.authentication_failed");
        assertThat(text(s.event("abort", how("realm")), "reason")).as("other realm").isEqualTo("wamp.error.no_such_realm");
        assertThat(text(s.event("abort", how("no-method")), "reason")).as("authmethods [wampcra]")
                .isEqualTo("wamp.error.no_auth_method");
        s.assertCleanEnd();
    }

    // ---- 60 ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void ssfInfoAnswersUnderTheLowerCasedAccount(String serializer) {
        Scenario s = scenario(serializer, "ssf-info");
        JsonNode info = resultValue(s.event("result"));
        assertThat(text(info, "service")).as("ssf.info %s", info).isEqualTo("ssf");
        assertThat(text(info, "account")).as("ssf.info %s", info).isEqualTo(ACCOUNT);
        s.assertCleanEnd();
    }

    // ---- 58 and the basic dealer ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void aServiceRegistersUnderItsNameAndAUserCallsIt(String serializer) {
        Scenario s = scenario(serializer, "rpc");
        JsonNode sent = s.event("sent");
        JsonNode result = s.event("result");
        assertThat(result.get("args")).as("RESULT args").isEqualTo(sent.get("args"));
        assertThat(result.get("kwargs")).as("RESULT kwargs").isEqualTo(sent.get("kwargs"));
        JsonNode invocation = s.event("invocation");
        assertThat(invocation.get("args")).as("INVOCATION args").isEqualTo(sent.get("args"));
        assertThat(invocation.get("kwargs")).as("INVOCATION kwargs").isEqualTo(sent.get("kwargs"));
        if (capabilities().discloseCaller()) {
            assertThat(invocation.path("caller").asLong()).as("INVOCATION details.caller")
                    .isEqualTo(s.event("caller").path("session").asLong());
            assertThat(text(invocation, "caller_authid")).as("details.caller_authid").isEqualTo(EmbeddedServer.ADMIN);
            assertThat(text(invocation, "caller_authrole")).as("details.caller_authrole").isEqualTo("user");
        }
        assertThat(errorOf(s, "no-such-procedure")).isEqualTo("wamp.error.no_such_procedure");
        assertThat(errorOf(s, "already-registered")).isEqualTo("wamp.error.procedure_already_exists");
        s.assertCleanEnd();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void usersMayNotRegisterOrSubscribeUnderServicesNorServicesUnderAnotherName(String serializer) {
        Scenario s = scenario(serializer, "not-authorized");
        assertThat(errorOf(s, "user-register")).as("user REGISTER under accounts.demo.services")
                .isEqualTo("wamp.error.not_authorized");
        assertThat(errorOf(s, "user-subscribe")).as("user SUBSCRIBE under accounts.demo.services")
                .isEqualTo("wamp.error.not_authorized");
        assertThat(errorOf(s, "service-register-foreign")).as("service REGISTER under another service's name")
                .isEqualTo("wamp.error.not_authorized");
        s.assertCleanEnd();
    }

    // ---- 59 ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void everyProgressiveResultThenTheFinalOne(String serializer) {
        Scenario s = scenario(serializer, "progress");
        JsonNode invocation = s.event("invocation");
        boolean offered = invocation.path("receive_progress").asBoolean();
        if (capabilities().calleeAnnouncesProgress()) {
            assertThat(offered).as("INVOCATION receive_progress for a callee that announced progressive_call_results").isTrue();
        }
        JsonNode result = s.event("result");
        List<JsonNode> progress = s.all("progress");
        // a callee that was not offered progress (it did not announce the feature) sends only the final result
        assertThat(progress.stream().map(e -> e.path("value").asInt()).toList()).as("progressive results\n%s", s.report())
                .containsExactlyElementsOf(offered ? List.of(1, 2, 3) : List.of());
        progress.forEach(p -> assertThat(p.get("seq").asInt()).as("progress before the final result")
                .isLessThan(result.get("seq").asInt()));
        assertThat(text(result, "value")).as("final result").isEqualTo("done");
        s.assertCleanEnd();
    }

    // ---- dealer: timeouts and cancels ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void theRouterEnforcesTheCallTimeout(String serializer) {
        Scenario s = scenario(serializer, "timeout");
        s.event("invocation");
        String error = errorOf(s, "timeout");
        assertThat(error).as("ERROR of a call past its timeout").isIn("wamp.error.timeout", "wamp.error.canceled");
        System.out.printf("[%s %s] CALL timeout answered with %s%n", getClass().getSimpleName(), serializer, error);
        long elapsed = s.event("elapsed").path("ms").asLong();
        assertThat(elapsed).as("time to the timeout ERROR (timeout 300 ms)").isBetween(250L, 3000L);
        assertInterruptedOnlyIfAnnounced(s);
        assertThat(text(s.event("after"), "value")).as("the callee still answers afterwards").isEqualTo("pong");
        s.assertCleanEnd();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void aCancelledCallEndsWithCanceled(String serializer) {
        Scenario s = scenario(serializer, "cancel");
        for (String mode : capabilities().cancelModes()) {
            assertThat(errorOf(s, mode)).as("ERROR after CANCEL mode %s", mode).isEqualTo("wamp.error.canceled");
        }
        assertInterruptedOnlyIfAnnounced(s);
        assertThat(text(s.event("after"), "value")).as("the callee still answers afterwards").isEqualTo("pong");
        s.assertCleanEnd();
    }

    /**
     * A callee that announced call_canceling is told to stop (INTERRUPT); one that did not must never get an
     * INTERRUPT (AutobahnJS and Wampy treat it as a protocol violation and drop the connection).
     */
    private void assertInterruptedOnlyIfAnnounced(Scenario s) {
        if (capabilities().calleeAnnouncesCanceling()) {
            assertThat(s.all("interrupted")).as("INTERRUPT at a callee that announced call_canceling\n%s", s.report()).isNotEmpty();
        } else {
            assertThat(s.all("frame", e -> "INTERRUPT".equals(text(e, "kind")))).as("INTERRUPT frames\n%s", s.report()).isEmpty();
            assertThat(s.all("interrupted")).as("interrupted invocations\n%s", s.report()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void sharedRegistrationTakesTurns(String serializer) {
        Scenario s = scenario(serializer, "shared");
        List<String> answers = new ArrayList<>();
        s.event("answers").path("answers").forEach(a -> answers.add(a.stringValue()));
        assertThat(answers).as("answers of roundrobin callees").hasSize(4).containsOnly("first", "second");
        assertThat(answers.stream().filter("first"::equals).count()).as("calls per callee in %s", answers).isEqualTo(2);
        for (int i = 1; i < answers.size(); i++) {
            assertThat(answers.get(i)).as("roundrobin turn %d of %s", i, answers).isNotEqualTo(answers.get(i - 1));
        }
        s.assertCleanEnd();
    }

    // ---- broker ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void publishSubscribeWithAcknowledgeExclusionAndEligibility(String serializer) {
        Scenario s = scenario(serializer, "pubsub");
        JsonNode published = s.event("published");
        assertThat(published.path("publication").isIntegralNumber() && published.path("publication").asLong() > 0)
                .as("PUBLISHED publication id %s", published).isTrue();
        JsonNode sessions = s.event("sessions");
        capabilities().pubsubReceived().forEach((who, expected) -> {
            JsonNode received = s.event("received", e -> who.equals(text(e, "who")));
            List<String> payloads = new ArrayList<>();
            received.path("payloads").forEach(p -> payloads.add(p.asString()));
            assertThat(payloads).as("events received by %s (A user, B service, P publisher)", who).isEqualTo(expected);
        });
        if (capabilities().publisherDisclosure()) {
            for (String who : List.of("A", "B")) {
                JsonNode details = s.event("received", e -> who.equals(text(e, "who"))).path("details").path("p5");
                assertThat(details.path("publisher").asLong()).as("EVENT details.publisher at %s for disclose_me", who)
                        .isEqualTo(sessions.path("P").asLong());
                assertThat(text(details, "publisher_authid")).as("details.publisher_authid").isEqualTo(EmbeddedServer.ADMIN);
            }
        }
        s.assertCleanEnd();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void prefixAndWildcardSubscriptionsAndRegistrations(String serializer) {
        Scenario s = scenario(serializer, "patterns");
        Map<String, Map<String, String>> expected = Map.of(
                "prefix", Map.of("x1", "tree.a.b", "x3", "tree.temp", "tree-end", "tree.end"),
                "wildcard", Map.of("x2", "room7.temp", "x3", "tree.temp", "wild-end", "end.temp"));
        Map<String, List<String>> order = Map.of("prefix", List.of("x1", "x3", "tree-end"), "wildcard", List.of("x2", "x3", "wild-end"));
        expected.forEach((who, topics) -> {
            JsonNode received = s.event("received", e -> who.equals(text(e, "who")));
            List<String> payloads = new ArrayList<>();
            received.path("payloads").forEach(p -> payloads.add(p.asString()));
            assertThat(payloads).as("events of the %s subscription", who).isEqualTo(order.get(who));
            topics.forEach((payload, name) -> assertThat(text(received.path("details").path(payload), "topic"))
                    .as("EVENT details.topic of %s at the %s subscription", payload, who).isEqualTo(topic(serializer, name)));
        });
        for (String via : List.of("prefix", "wildcard")) {
            JsonNode call = s.event("pattern-call", e -> via.equals(text(resultValue(e), "via")));
            assertThat(text(resultValue(call), "procedure")).as("INVOCATION details.procedure (%s registration)", via)
                    .isEqualTo(text(call, "called"));
        }
        assertThat(text(s.event("pattern-call", e -> text(e, "called").endsWith(".pfx.alpha.beta")), "called"))
                .isEqualTo(procedure(serializer, "pfx.alpha.beta"));
        s.assertCleanEnd();
    }

    // ---- meta API ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void metaApiForAnAdmin(String serializer) {
        Scenario s = scenario(serializer, "meta");
        JsonNode count = resultValue(s.event("count"));
        assertThat(count.isIntegralNumber() && count.asLong() >= 1).as("wamp.session.count = %s", count).isTrue();
        JsonNode get = s.event("session-get");
        JsonNode session = resultValue(get);
        assertThat(session.path("session").asLong()).as("wamp.session.get %s", session).isEqualTo(get.path("session").asLong());
        assertThat(text(session, "authid")).as("wamp.session.get authid").isEqualTo(EmbeddedServer.ADMIN);
        assertThat(text(session, "authrole")).as("wamp.session.get authrole").isEqualTo("user");

        long visitor = s.event("joined").path("session").asLong();
        JsonNode join = s.event("on_join").path("args").path(0);
        assertThat(text(join, "authid")).as("on_join authid %s", join).isEqualTo(serviceName());
        assertThat(text(join, "authrole")).as("on_join authrole %s", join).isEqualTo("service");
        JsonNode leave = s.event("on_leave").path("args");
        assertThat(leave.path(0).asLong()).as("on_leave session").isEqualTo(visitor);
        if (leave.size() > 1) assertThat(leave.path(1).asString()).as("on_leave authid").isEqualTo(serviceName());

        JsonNode registered = s.event("registered");
        assertThat(resultValue(s.event("lookup")).asLong()).as("wamp.registration.lookup")
                .isEqualTo(registered.path("registration").asLong());
        List<Long> callees = new ArrayList<>();
        resultValue(s.event("callees")).forEach(c -> callees.add(c.asLong()));
        assertThat(callees).as("wamp.registration.list_callees").containsExactly(registered.path("callee").asLong());
        assertThat(resultValue(s.event("subscription-lookup")).asLong()).as("wamp.subscription.lookup")
                .isEqualTo(s.event("subscribed").path("subscription").asLong());
        assertThat(s.event("testament").path("args").path(0).asString()).as("testament event").isEqualTo("farewell");
        s.assertCleanEnd();
    }

    // ---- a callee that dies mid-call ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void aKilledCalleeCancelsEveryWaitingCall(String serializer) {
        String tag = "doomed_" + serializer;
        ApiClient.Tokens admin = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
        Map<String, Object> calleeOptions = options(server, admin, serializer, tag, List.of("doomed-callee"));
        calleeOptions.put("scenarioTimeoutMs", 30_000);
        try (WampClientProcess callee = start("doomed-callee/" + serializer, calleeOptions)) {
            callee.await("REGISTERED", type("registered"), WAIT);
            Map<String, Object> callerOptions = options(server, admin, serializer, tag, List.of("doomed-caller"));
            callerOptions.put("scenarioTimeoutMs", 20_000);
            try (WampClientProcess caller = start("doomed-caller/" + serializer, callerOptions)) {
                for (int n = 1; n <= 2; n++) {
                    int call = n;
                    callee.await("INVOCATION " + n, type("invocation").and(e -> e.path("n").asInt() == call), WAIT);
                }
                callee.kill();
                Scenario s = Scenario.await(caller, "doomed-caller", WAIT);
                for (int n = 1; n <= 2; n++) {
                    int call = n;
                    assertThat(text(s.event("error", e -> e.path("n").asInt() == call), "error"))
                            .as("ERROR of waiting call %d after its callee was killed", n).isEqualTo("wamp.error.canceled");
                }
                s.assertCleanEnd();
            }
        }
    }

    // ---- 57 ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void tokenExpiryEndsTheSessionWithGoodbyeAndTheClientRejoinsWithARefreshedToken(String serializer) {
        Scenario s = Scenario.await(expiryRuns.get(serializer), "token-expiry", Duration.ofSeconds(40));
        JsonNode first = s.event("welcome", e -> e.path("round").asInt() == 1);
        assertThat(text(first, "authid")).isEqualTo(EmbeddedServer.ADMIN);
        List<String> reasons = new ArrayList<>();
        s.all("frame", e -> "GOODBYE".equals(text(e, "kind"))).forEach(f -> reasons.add(f.path("message").path(2).asString()));
        s.all("closed", e -> e.path("reason").isString()).forEach(c -> reasons.add(text(c, "reason")));
        assertThat(reasons).as("GOODBYE reason seen by the client\n%s", s.report()).isNotEmpty()
                .containsOnly("vakt.close.token_expired");
        assertThat(s.event("refreshed").path("status").asInt()).as("refresh").isEqualTo(200);
        JsonNode second = s.event("welcome", e -> e.path("round").asInt() == 2);
        assertThat(text(second, "authid")).isEqualTo(EmbeddedServer.ADMIN);
        s.assertCleanEnd();
    }

    // ---- helpers ----

    /** The error URI of the {@code error} event of one step, failing when the step succeeded instead. */
    static String errorOf(Scenario s, String what) {
        return text(s.event("error", e -> what.equals(text(e, "what"))), "error");
    }

    /** A call result's value: the single positional result, or the kwargs when there is none. */
    static JsonNode resultValue(JsonNode event) {
        JsonNode args = event.path("args");
        return args.size() > 0 ? args.get(0) : event.path("kwargs");
    }

    static Predicate<JsonNode> type(String type) { return e -> type.equals(text(e, "type")); }

    static Predicate<JsonNode> label(String label) { return e -> label.equals(text(e, "label")); }

    static Predicate<JsonNode> how(String how) { return e -> how.equals(text(e, "how")); }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** The events of one scenario of a run, once it ended. */
    record Scenario(String name, WampClientProcess run, List<JsonNode> events) {
        static Scenario await(WampClientProcess run, String name, Duration wait) {
            Predicate<JsonNode> mine = e -> name.equals(text(e, "scenario"));
            int end = run.await("the end of scenario " + name,
                    mine.and(type("scenario-done").or(type("scenario-failed"))), wait).get("seq").asInt();
            // what the scenario's cleanup prints afterwards (e.g. the GOODBYE of a polite close) is not its outcome
            return new Scenario(name, run, run.events(mine.and(e -> e.get("seq").asInt() <= end)));
        }

        JsonNode event(String type) { return event(type, e -> true); }

        /** The first event of this type that matches; fails with the scenario's events when there is none. */
        JsonNode event(String type, Predicate<JsonNode> filter) {
            return events.stream().filter(type(type).and(filter)).findFirst()
                    .orElseThrow(() -> new AssertionError("scenario " + name + ": no matching " + type + " event\n" + report()));
        }

        List<JsonNode> all(String type) { return all(type(type)); }

        List<JsonNode> all(String type, Predicate<JsonNode> filter) { return all(type(type).and(filter)); }

        List<JsonNode> all(Predicate<JsonNode> filter) { return events.stream().filter(filter).toList(); }

        /** Ended without failure, without a protocol error in the library and without anything unexpected. */
        void assertCleanEnd() {
            assertThat(all(type("library-error"))).as("library errors (protocol violations seen by the client)\n%s", report()).isEmpty();
            assertThat(all(e -> String.valueOf(text(e, "type")).startsWith("unexpected"))).as("unexpected outcomes\n%s", report()).isEmpty();
            assertThat(all(type("scenario-done"))).as("scenario %s done\n%s", name, report()).isNotEmpty();
        }

        String report() {
            StringBuilder text = new StringBuilder("events of scenario ").append(name).append(":\n");
            events.forEach(e -> text.append("  ").append(e).append('\n'));
            text.append(run.stderrTail(1500));
            return text.toString();
        }
    }
}
