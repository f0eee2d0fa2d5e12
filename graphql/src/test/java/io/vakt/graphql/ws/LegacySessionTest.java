package io.vakt.graphql.ws;

import io.vakt.graphql.support.LiveFixture;
import io.vakt.graphql.support.MutableClock;
import io.vakt.graphql.support.TestProjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The legacy {@code graphql-ws} protocol (spec §6, §15 items 2–4, §16 items 41–46), one test per rule. */
class LegacySessionTest {
    private static final String SUBSCRIPTION =
            "subscription($p:String!){data(path:$p){value path technicalAddress type timeStamp}}";
    private static final String INIT = "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
            + FakeTokens.GOOD + "\"}}";

    private final FakeTransport transport = new FakeTransport();
    private final FakeTokens tokens = new FakeTokens();
    private final WsStats stats = new WsStats();
    private LiveFixture live;
    private LegacySession session;

    @AfterEach
    void closeFixture() {
        if (live != null) live.close();
    }

    private LegacySession open(OperationExecutor operations, WsConfig config) {
        session = new LegacySession(new SessionContext(transport, config, tokens, operations, stats, new MutableClock()));
        session.start();
        return session;
    }

    /** A session over the real GraphQL operations of the small test project. */
    private LegacySession openLive() {
        live = LiveFixture.small();
        return open(live.operations, WsConfig.defaults());
    }

    private void acknowledged() {
        session.onText(INIT);
        assertThat(transport.takeFrames()).containsExactly("{\"type\":\"connection_ack\"}", "{\"type\":\"ka\"}");
    }

    private static String start(String id, String query) {
        return "{\"id\":\"" + id + "\",\"type\":\"start\",\"payload\":{\"query\":\"" + query.replace("\"", "\\\"")
                + "\",\"variables\":{\"p\":\"" + TestProjects.VALUES + "\"}}}";
    }

    private static String update(String id, double value) {
        return "{\"id\":\"" + id + "\",\"type\":\"data\",\"payload\":{\"data\":{\"data\":{\"value\":" + value
                + ",\"path\":\"Cwl.Advise.A[0]\",\"technicalAddress\":\"Ctl.Real\",\"type\":\"Update\","
                + "\"timeStamp\":\"2024-01-01T10:00:00\"}}}}";
    }

    // ---- connection_init and keep-alive ------------------------------------------------------------

    @Test
    void acknowledgesInitThenSendsKeepAliveAtOnce() {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText(INIT);
        assertThat(transport.frames()).containsExactly("{\"type\":\"connection_ack\"}", "{\"type\":\"ka\"}");
        assertThat(transport.closed()).isFalse();
        assertThat(stats.legacyConnections()).isEqualTo(1);
    }

    @Test
    void sendsKeepAliveEveryInterval() {
        open(new ScriptedOperations(), new WsConfig(Duration.ofSeconds(10), Duration.ofSeconds(10), 200, 1024));
        acknowledged();
        transport.advance(Duration.ofMillis(9_999));
        assertThat(transport.frames()).isEmpty();
        transport.advance(Duration.ofMillis(1));
        assertThat(transport.takeFrames()).containsExactly("{\"type\":\"ka\"}");
        transport.advance(Duration.ofSeconds(30));
        assertThat(transport.takeFrames()).containsExactly("{\"type\":\"ka\"}", "{\"type\":\"ka\"}", "{\"type\":\"ka\"}");
    }

    @Test
    void keepAliveIntervalIsConfigurable() {
        open(new ScriptedOperations(), new WsConfig(Duration.ofSeconds(10), Duration.ofSeconds(3), 200, 1024));
        acknowledged();
        transport.advance(Duration.ofSeconds(9));
        assertThat(transport.frames()).hasSize(3).allMatch("{\"type\":\"ka\"}"::equals);
    }

    @Test
    void keepAliveStopsWhenTheSessionCloses() {
        open(new ScriptedOperations(), WsConfig.defaults());
        acknowledged();
        session.onClosed();
        transport.advance(Duration.ofMinutes(5));
        assertThat(transport.frames()).isEmpty();
        assertThat(transport.armedTimerDelays()).isEmpty();
    }

    @Test
    void takesTokenFromPayloadAuthorizationFirst() {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"" + FakeTokens.FORGED
                + "\",\"authorization\":\"" + FakeTokens.FORGED + "\",\"Authorization\":\"Bearer " + FakeTokens.GOOD + "\"}}");
        assertThat(transport.frame(0)).isEqualTo("{\"type\":\"connection_ack\"}");
        assertThat(tokens.asked()).containsExactly(FakeTokens.GOOD);
    }

    @Test
    void takesTokenFromLowerCaseAuthorizationSecond() {
        open(new ScriptedOperations(), WsConfig.defaults());
        transport.withUpgradeAuthorization("Bearer " + FakeTokens.FORGED);
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"" + FakeTokens.FORGED
                + "\",\"authorization\":\"Bearer " + FakeTokens.GOOD + "\"}}");
        assertThat(transport.frame(0)).isEqualTo("{\"type\":\"connection_ack\"}");
        assertThat(tokens.asked()).containsExactly(FakeTokens.GOOD);
    }

    @Test
    void takesTokenFromAuthTokenThird() {
        open(new ScriptedOperations(), WsConfig.defaults());
        transport.withUpgradeAuthorization("Bearer " + FakeTokens.FORGED);
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"" + FakeTokens.GOOD + "\"}}");
        assertThat(transport.frame(0)).isEqualTo("{\"type\":\"connection_ack\"}");
        assertThat(tokens.asked()).containsExactly(FakeTokens.GOOD);
    }

    @Test
    void takesTokenFromUpgradeAuthorizationHeaderLast() {
        transport.withUpgradeAuthorization("Bearer " + FakeTokens.GOOD);
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText("{\"type\":\"connection_init\",\"payload\":{}}");
        assertThat(transport.frame(0)).isEqualTo("{\"type\":\"connection_ack\"}");
        assertThat(tokens.asked()).containsExactly(FakeTokens.GOOD);
    }

    @Test
    void skipsBlankAndNonStringTokenValues() {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"  \",\"authorization\":42,"
                + "\"authToken\":\"" + FakeTokens.GOOD + "\"}}");
        assertThat(transport.frame(0)).isEqualTo("{\"type\":\"connection_ack\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer good-token", "good-token", "bearer good-token", "  Bearer   good-token  "})
    void acceptsTokenWithOrWithoutBearerPrefix(String value) {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"" + value + "\"}}");
        assertThat(transport.frame(0)).isEqualTo("{\"type\":\"connection_ack\"}");
        assertThat(tokens.asked()).containsExactly(FakeTokens.GOOD);
    }

    @Test
    void sendsConnectionErrorThenCloses4408WithoutInitInTime() {
        open(new ScriptedOperations(), WsConfig.defaults());
        transport.advance(Duration.ofMillis(9_999));
        assertThat(transport.closed()).isFalse();
        transport.advance(Duration.ofMillis(1));
        assertThat(transport.frames()).containsExactly(
                "{\"type\":\"connection_error\",\"payload\":{\"message\":\"Connection initialisation timeout\"}}");
        assertThat(transport.closeCode()).isEqualTo(4408);
        assertThat(stats.protocolErrors()).isEqualTo(1);
    }

    @Test
    void initDeadlineIsDisarmedByConnectionInit() {
        open(new ScriptedOperations(), WsConfig.defaults());
        acknowledged();
        transport.advance(Duration.ofSeconds(11));
        assertThat(transport.closed()).isFalse();
        assertThat(transport.frames()).containsOnly("{\"type\":\"ka\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {FakeTokens.FORGED, FakeTokens.EXPIRED})
    void rejectedTokenGetsConnectionErrorThenClose4401(String token) {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
        assertThat(transport.frames()).containsExactly(
                "{\"type\":\"connection_error\",\"payload\":{\"message\":\"INVALID_AUTH_TOKEN\"}}");
        assertThat(transport.closeCode()).isEqualTo(4401);
        assertThat(transport.closeReason()).isEqualTo("INVALID_AUTH_TOKEN");
        assertThat(stats.authFailures()).isEqualTo(1);
    }

    @Test
    void initWithoutAnyTokenGetsConnectionErrorThenClose4401() {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText("{\"type\":\"connection_init\"}");
        assertThat(transport.frames()).containsExactly(
                "{\"type\":\"connection_error\",\"payload\":{\"message\":\"INVALID_AUTH_TOKEN\"}}");
        assertThat(transport.closeCode()).isEqualTo(4401);
        assertThat(tokens.asked()).isEmpty();
    }

    // ---- operations --------------------------------------------------------------------------------

    @Test
    void subscriptionDeliversDataFramesWithTheArrigoShape() {
        openLive();
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        // the initial state of every readable bound variable: Pending for the three awaited ones, ErrorNotExist
        // for the address no controller has; the one-shot stays back while Pending, Secret is above Operator
        assertThat(transport.json()).extracting(frame -> frame.at("/payload/data/data/path").asString()
                        + " " + frame.at("/payload/data/data/type").asString())
                .containsExactly("Cwl.Advise.A[0] Pending", "Cwl.Advise.A[1] Pending", "Cwl.Advise.A[2] Pending",
                        "Cwl.Advise.A[5] ErrorNotExist");
        transport.clearFrames();

        live.push("Ctl.Real", 21.5);
        assertThat(transport.frames()).containsExactly(update("1", 21.5));
    }

    @Test
    void stopEndsSubscriptionWithComplete() {
        openLive();
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        transport.clearFrames();
        session.onText("{\"id\":\"1\",\"type\":\"stop\"}");
        assertThat(transport.takeFrames()).containsExactly("{\"id\":\"1\",\"type\":\"complete\"}");
        live.push("Ctl.Real", 21.5);
        assertThat(transport.frames()).isEmpty();
        assertThat(live.groups.stats().members()).isZero();
        assertThat(stats.operations()).isZero();
    }

    @Test
    void stopOfUnknownIdSendsNothing() {
        open(new ScriptedOperations(), WsConfig.defaults());
        acknowledged();
        session.onText("{\"id\":\"nope\",\"type\":\"stop\"}");
        assertThat(transport.frames()).isEmpty();
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void queryViaStartYieldsOneDataThenComplete() {
        openLive();
        acknowledged();
        session.onText("{\"id\":\"q\",\"type\":\"start\",\"payload\":{\"query\":\"{ node(path: \\\""
                + TestProjects.VALUES + "\\\") { hash } }\"}}");
        List<JsonNode> frames = transport.json();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).get("id").asString()).isEqualTo("q");
        assertThat(frames.get(0).get("type").asString()).isEqualTo("data");
        assertThat(frames.get(0).at("/payload/data/node/hash").asString()).matches("[0-9A-F]{8}");
        assertThat(transport.frame(1)).isEqualTo("{\"id\":\"q\",\"type\":\"complete\"}");
        assertThat(stats.operations()).isZero();
    }

    @Test
    void resolverErrorsTravelInDataPayloadErrors() {
        openLive();
        acknowledged();
        session.onText("{\"id\":\"q\",\"type\":\"start\",\"payload\":{\"query\":\"{ node(path: \\\"bm9wZQ==\\\") { hash } }\"}}");
        List<JsonNode> frames = transport.json();
        assertThat(frames.get(0).get("type").asString()).isEqualTo("data");
        assertThat(frames.get(0).at("/payload/errors/0/message").asString()).isEqualTo("Invalid path");
        assertThat(frames.get(0).at("/payload/data/node").isNull()).isTrue();
        assertThat(transport.frame(1)).isEqualTo("{\"id\":\"q\",\"type\":\"complete\"}");
    }

    @Test
    void subscriptionToUnknownPathAnswersInvalidPathThenComplete() {
        openLive();
        acknowledged();
        session.onText("{\"id\":\"s\",\"type\":\"start\",\"payload\":{\"query\":\"subscription { data(path: \\\"bm9wZQ==\\\") { value } }\"}}");
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"s\",\"type\":\"data\",\"payload\":{\"data\":null,\"errors\":[{\"message\":\"Invalid path\",\"path\":[\"data\"]}]}}",
                "{\"id\":\"s\",\"type\":\"complete\"}");
    }

    @Test
    void syntaxErrorAnswersErrorWithId() {
        openLive();
        acknowledged();
        session.onText("{\"id\":\"7\",\"type\":\"start\",\"payload\":{\"query\":\"subscription { data(\"}}");
        assertThat(transport.frames()).hasSize(1);
        JsonNode error = transport.json().getFirst();
        assertThat(error.get("id").asString()).isEqualTo("7");
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.at("/payload/message").asString()).contains("Invalid syntax");
        assertThat(transport.closed()).isFalse();
        assertThat(stats.operations()).isZero();
    }

    @Test
    void validationErrorAnswersErrorWithId() {
        openLive();
        acknowledged();
        session.onText("{\"id\":\"8\",\"type\":\"start\",\"payload\":{\"query\":\"{ nosuchfield }\"}}");
        assertThat(transport.frames()).hasSize(1);
        JsonNode error = transport.json().getFirst();
        assertThat(error.get("id").asString()).isEqualTo("8");
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.at("/payload/message").asString()).contains("nosuchfield");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void conditionalSubscriptionRootAnswersErrorWithId() {
        openLive();
        acknowledged();
        session.onText(start("9", "subscription($p:String!,$s:Boolean!){ data(path:$p) @skip(if:$s) { value } }"));
        assertThat(transport.frames()).containsExactly("{\"id\":\"9\",\"type\":\"error\",\"payload\":{\"message\":"
                + "\"Validation error: @skip and @include are not allowed on the root field of a subscription\","
                + "\"locations\":[{\"line\":1,\"column\":53}],\"extensions\":{\"classification\":\"ValidationError\"}}}");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void unparseableFrameAnswersConnectionErrorWithoutClosing() {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onText("this is not json");
        assertThat(transport.takeFrames()).containsExactly(
                "{\"type\":\"connection_error\",\"payload\":{\"message\":\"message is not a JSON object\"}}");
        assertThat(transport.closed()).isFalse();
        acknowledged();
    }

    @Test
    void malformedStartWithIdAnswersErrorWithThatId() {
        open(new ScriptedOperations(), WsConfig.defaults());
        acknowledged();
        session.onText("{\"id\":\"3\",\"type\":\"start\",\"payload\":{}}");
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"3\",\"type\":\"error\",\"payload\":{\"message\":\"start without a payload.query string\"}}");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void unknownTypeAnswersInvalidMessageType() {
        open(new ScriptedOperations(), WsConfig.defaults());
        acknowledged();
        session.onText("{\"id\":\"4\",\"type\":\"subscribe\"}");
        assertThat(transport.takeFrames()).containsExactly(
                "{\"id\":\"4\",\"type\":\"error\",\"payload\":{\"message\":\"Invalid message type!\"}}");
        session.onText("{\"type\":\"ping\"}");
        assertThat(transport.takeFrames()).containsExactly(
                "{\"type\":\"connection_error\",\"payload\":{\"message\":\"Invalid message type!\"}}");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void startBeforeInitAnswersErrorAndKeepsConnection() {
        ScriptedOperations operations = new ScriptedOperations();
        open(operations, WsConfig.defaults());
        session.onText(start("1", SUBSCRIPTION));
        JsonNode error = transport.json().getFirst();
        assertThat(error.get("id").asString()).isEqualTo("1");
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.at("/payload/message").asString()).startsWith("Unauthorized");
        assertThat(operations.count()).isZero();
        assertThat(transport.closed()).isFalse();
        transport.clearFrames();
        acknowledged();
    }

    @Test
    void reusedIdReplacesTheOldOperation() {
        openLive();
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        session.onText(start("1", "subscription($p:String!){data(path:$p){value path}}"));
        transport.clearFrames();
        assertThat(live.groups.stats().members()).isEqualTo(1);
        assertThat(stats.operations()).isEqualTo(1);

        live.push("Ctl.Real", 3.0);
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"1\",\"type\":\"data\",\"payload\":{\"data\":{\"data\":{\"value\":3.0,\"path\":\"Cwl.Advise.A[0]\"}}}}");
    }

    @Test
    void refusesStartOverTheOperationLimit() {
        ScriptedOperations operations = new ScriptedOperations();
        open(operations, new WsConfig(Duration.ofSeconds(10), Duration.ofSeconds(10), 2, 1024));
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        session.onText(start("2", SUBSCRIPTION));
        session.onText(start("3", SUBSCRIPTION));
        assertThat(operations.count()).isEqualTo(2);
        assertThat(transport.frames()).containsExactly("{\"id\":\"3\",\"type\":\"error\",\"payload\":{\"message\":"
                + "\"Too many active operations on this connection (limit 2)\"}}");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void stopWhilePreparingLeavesTheGroupOnceTheSubscriptionIsReady() {
        ScriptedOperations operations = new ScriptedOperations();
        open(operations, WsConfig.defaults());
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        session.onText("{\"id\":\"1\",\"type\":\"stop\"}");
        assertThat(transport.takeFrames()).containsExactly("{\"id\":\"1\",\"type\":\"complete\"}");
        ScriptedOperations.Handle membership = new ScriptedOperations.Handle();
        operations.call(0).live(membership);
        assertThat(membership.closes).isEqualTo(1);
        assertThat(transport.frames()).isEmpty();
    }

    @Test
    void outcomeArrivesOnTheConnectionThread() {
        ScriptedOperations operations = new ScriptedOperations();
        open(operations, WsConfig.defaults());
        acknowledged();
        transport.queueTasks();
        session.onText(start("1", "{ x }"));
        operations.call(0).outcome().complete(new OperationExecutor.Outcome.Single(java.util.Map.of("data", java.util.Map.of())));
        assertThat(transport.frames()).isEmpty();
        transport.runQueued();
        assertThat(transport.frames()).containsExactly("{\"id\":\"1\",\"type\":\"data\",\"payload\":{\"data\":{}}}",
                "{\"id\":\"1\",\"type\":\"complete\"}");
    }

    @Test
    void unexpectedExecutorFailureAnswersInternalError() {
        ScriptedOperations operations = new ScriptedOperations();
        open(operations, WsConfig.defaults());
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        operations.call(0).outcome().completeExceptionally(new IllegalStateException("boom"));
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"1\",\"type\":\"error\",\"payload\":{\"message\":\"Internal server error\"}}");
        assertThat(stats.operations()).isZero();
        assertThat(transport.closed()).isFalse();
    }

    // ---- token expiry, limits, closing -------------------------------------------------------------

    @Test
    void tokenExpiryErrorsEveryActiveOperationThenCloses4401() {
        openLive();
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + FakeTokens.SHORT + "\"}}");
        session.onText(start("a", SUBSCRIPTION));
        session.onText(start("b", SUBSCRIPTION));
        transport.clearFrames();
        transport.advance(Duration.ofSeconds(5));
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"a\",\"type\":\"error\",\"payload\":{\"message\":\"INVALID_AUTH_TOKEN\"}}",
                "{\"id\":\"b\",\"type\":\"error\",\"payload\":{\"message\":\"INVALID_AUTH_TOKEN\"}}");
        assertThat(transport.closeCode()).isEqualTo(4401);
        assertThat(transport.closeReason()).isEqualTo("INVALID_AUTH_TOKEN");
        assertThat(stats.tokenExpiries()).isEqualTo(1);
        assertThat(live.groups.stats().members()).isZero();

        live.push("Ctl.Real", 1.0);
        assertThat(transport.framesAfterClose()).isEmpty();
    }

    @Test
    void tokenExpiryTimerFollowsTheTokenLifetime() {
        open(new ScriptedOperations(), new WsConfig(Duration.ofSeconds(10), Duration.ofHours(1), 200, 1024));
        session.onText(INIT);
        assertThat(transport.armedTimerDelays()).contains(Duration.ofMinutes(10));
        transport.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(transport.closed()).isFalse();
        transport.advance(Duration.ofMillis(1));
        assertThat(transport.closeCode()).isEqualTo(4401);
    }

    @Test
    void oversizeMessageAnswersConnectionErrorThenCloses1009() {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onTooLarge(262_144);
        assertThat(transport.frames()).containsExactly("{\"type\":\"connection_error\",\"payload\":{\"message\":"
                + "\"Message too large (limit 262144 bytes)\"}}");
        assertThat(transport.closeCode()).isEqualTo(1009);
    }

    @Test
    void binaryMessageAnswersConnectionErrorWithoutClosing() {
        open(new ScriptedOperations(), WsConfig.defaults());
        session.onBinary();
        assertThat(transport.frames()).containsExactly("{\"type\":\"connection_error\",\"payload\":{\"message\":"
                + "\"binary messages are not part of this protocol\"}}");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void connectionTerminateCloses1000() {
        openLive();
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        session.onText("{\"type\":\"connection_terminate\"}");
        assertThat(transport.closeCode()).isEqualTo(1000);
        assertThat(live.groups.stats().members()).isZero();
    }

    @Test
    void shutdownCloses1001() {
        open(new ScriptedOperations(), WsConfig.defaults());
        acknowledged();
        session.shutdown();
        assertThat(transport.closeCode()).isEqualTo(1001);
        assertThat(transport.closeReason()).isEqualTo("Server shutting down");
    }

    @Test
    void closingReleasesEverythingOnce() {
        openLive();
        acknowledged();
        session.onText(start("1", SUBSCRIPTION));
        session.shutdown();
        session.onClosed();
        session.onText(start("2", SUBSCRIPTION));
        assertThat(transport.closeCalls()).isEqualTo(1);
        assertThat(transport.framesAfterClose()).isEmpty();
        assertThat(stats.legacyConnections()).isZero();
        assertThat(stats.operations()).isZero();
        assertThat(live.groups.stats().groups()).isZero();
    }
}
