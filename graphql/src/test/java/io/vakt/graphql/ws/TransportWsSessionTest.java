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

/** The {@code graphql-transport-ws} protocol (spec §6, §15 item 2, §16 items 47–51), one test per rule. */
class TransportWsSessionTest {
    private static final String SUBSCRIPTION =
            "subscription($p:String!){data(path:$p){value path technicalAddress type timeStamp}}";
    private static final String INIT = "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer "
            + FakeTokens.GOOD + "\"}}";
    private static final String ACK = "{\"type\":\"connection_ack\"}";

    private final FakeTransport transport = new FakeTransport();
    private final FakeTokens tokens = new FakeTokens();
    private final WsStats stats = new WsStats();
    private LiveFixture live;
    private TransportWsSession session;

    @AfterEach
    void closeFixture() {
        if (live != null) live.close();
    }

    private TransportWsSession open(OperationExecutor operations, WsConfig config) {
        session = new TransportWsSession(new SessionContext(transport, config, tokens, operations, stats, new MutableClock()));
        session.start();
        return session;
    }

    private TransportWsSession open() { return open(new ScriptedOperations(), WsConfig.defaults()); }

    private TransportWsSession openLive() {
        live = LiveFixture.small();
        return open(live.operations, WsConfig.defaults());
    }

    private void acknowledged() {
        session.onText(INIT);
        assertThat(transport.takeFrames()).containsExactly(ACK);
    }

    private static String subscribe(String id, String query) {
        return "{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + query.replace("\"", "\\\"")
                + "\",\"variables\":{\"p\":\"" + TestProjects.VALUES + "\"}}}";
    }

    private void assertClosed(int code) {
        assertThat(transport.closeCode()).isEqualTo(code);
        assertThat(transport.framesAfterClose()).isEmpty();
    }

    // ---- connection_init, ping -----------------------------------------------------------------------

    @Test
    void acknowledgesValidInit() {
        open();
        session.onText(INIT);
        assertThat(transport.frames()).containsExactly(ACK);
        assertThat(transport.closed()).isFalse();
        assertThat(stats.transportWsConnections()).isEqualTo(1);
    }

    @Test
    void sendsNoKeepAliveOfItsOwn() {
        open();
        acknowledged();
        transport.advance(Duration.ofMinutes(1));
        assertThat(transport.frames()).isEmpty();
    }

    @Test
    void takesTokenFromUpgradeHeaderWhenInitCarriesNone() {
        transport.withUpgradeAuthorization("Bearer " + FakeTokens.GOOD);
        open();
        session.onText("{\"type\":\"connection_init\"}");
        assertThat(transport.frames()).containsExactly(ACK);
        assertThat(tokens.asked()).containsExactly(FakeTokens.GOOD);
    }

    @Test
    void answersPingWithPong() {
        open();
        acknowledged();
        session.onText("{\"type\":\"ping\",\"payload\":{\"n\":1}}");
        assertThat(transport.frames()).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void answersPingBeforeAck() {
        open();
        session.onText("{\"type\":\"ping\"}");
        assertThat(transport.frames()).containsExactly("{\"type\":\"pong\"}");
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void ignoresPong() {
        open();
        session.onText("{\"type\":\"pong\"}");
        assertThat(transport.frames()).isEmpty();
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void closes4408WithoutInitInTime() {
        open();
        transport.advance(Duration.ofMillis(9_999));
        assertThat(transport.closed()).isFalse();
        transport.advance(Duration.ofMillis(1));
        assertThat(transport.frames()).isEmpty();
        assertClosed(4408);
        assertThat(transport.closeReason()).isEqualTo("Connection initialisation timeout");
    }

    @Test
    void initDeadlineIsDisarmedByConnectionInit() {
        open();
        acknowledged();
        transport.advance(Duration.ofSeconds(30));
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void rejectsSubscribeBeforeAckWith4401() {
        ScriptedOperations operations = new ScriptedOperations();
        open(operations, WsConfig.defaults());
        session.onText(subscribe("1", SUBSCRIPTION));
        assertClosed(4401);
        assertThat(transport.frames()).isEmpty();
        assertThat(operations.count()).isZero();
    }

    @Test
    void rejectsSecondInitWith4429() {
        open();
        acknowledged();
        session.onText(INIT);
        assertClosed(4429);
        assertThat(transport.closeReason()).isEqualTo("Too many initialisation requests");
    }

    @ParameterizedTest
    @ValueSource(strings = {FakeTokens.FORGED, FakeTokens.EXPIRED})
    void rejectsRefusedInitWith4403(String token) {
        open();
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
        assertThat(transport.frames()).isEmpty();
        assertClosed(4403);
        assertThat(stats.authFailures()).isEqualTo(1);
    }

    @Test
    void rejectsInitWithoutTokenWith4403() {
        open();
        session.onText("{\"type\":\"connection_init\",\"payload\":{}}");
        assertClosed(4403);
    }

    // ---- malformed messages: 4400 --------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"start\",\"id\":\"1\",\"payload\":{\"query\":\"{x}\"}}",  // unknown type (legacy name)
            "{\"type\":\"connection_init\"",                                      // malformed JSON
            "[1,2]",                                                              // not an object
            "{\"id\":\"1\"}",                                                      // no type
            "{\"type\":\"subscribe\",\"payload\":{\"query\":\"{x}\"}}",             // missing id
            "{\"id\":\"\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{x}\"}}", // empty id
            "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{}}",                // payload without query
            "{\"id\":\"1\",\"type\":\"subscribe\"}",                               // no payload
            "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"{x}\",\"variables\":[1]}}",
            "{\"type\":\"complete\"}",                                            // complete without id
            "{\"type\":\"connection_init\",\"payload\":\"token\"}"})                // init payload not an object
    void closes4400OnMalformedOrUnknownMessage(String message) {
        open();
        acknowledgedUnlessInit(message);
        session.onText(message);
        assertClosed(4400);
        assertThat(transport.closeReason()).startsWith("Invalid message received: ");
        assertThat(stats.protocolErrors()).isEqualTo(1);
    }

    private void acknowledgedUnlessInit(String message) {
        if (!message.contains("connection_init")) acknowledged();
    }

    @Test
    void closes4400OnBinaryMessage() {
        open();
        session.onBinary();
        assertClosed(4400);
    }

    @Test
    void closes1009OnOversizeMessage() {
        open();
        session.onTooLarge(1024);
        assertThat(transport.frames()).isEmpty();
        assertClosed(1009);
        assertThat(transport.closeReason()).isEqualTo("Message too large (limit 1024 bytes)");
    }

    // ---- operations ------------------------------------------------------------------------------------

    @Test
    void subscriptionDeliversNextFrames() {
        openLive();
        acknowledged();
        session.onText(subscribe("s1", SUBSCRIPTION));
        assertThat(transport.json()).allSatisfy(frame -> {
            assertThat(frame.get("id").asString()).isEqualTo("s1");
            assertThat(frame.get("type").asString()).isEqualTo("next");
        });
        transport.clearFrames();
        live.push("Ctl.Int", 7L);
        assertThat(transport.frames()).containsExactly("{\"id\":\"s1\",\"type\":\"next\",\"payload\":{\"data\":{\"data\":"
                + "{\"value\":7,\"path\":\"Cwl.Advise.A[1]\",\"technicalAddress\":\"Ctl.Int\",\"type\":\"Update\","
                + "\"timeStamp\":\"2024-01-01T10:00:00\"}}}}");
    }

    @Test
    void rejectsDuplicateActiveIdWith4409() {
        openLive();
        acknowledged();
        session.onText(subscribe("s1", SUBSCRIPTION));
        session.onText(subscribe("s1", SUBSCRIPTION));
        assertThat(transport.closeCode()).isEqualTo(4409);
        assertThat(transport.closeReason()).isEqualTo("Subscriber for s1 already exists");
        assertThat(live.groups.stats().members()).isZero();
    }

    @Test
    void allowsReusingTheIdOfAFinishedOperation() {
        openLive();
        acknowledged();
        session.onText(subscribe("q", "query($p:String!){ node(path: $p) { hash } }"));
        session.onText(subscribe("q", "query($p:String!){ node(path: $p) { hash } }"));
        assertThat(transport.closed()).isFalse();
        assertThat(transport.json()).extracting(frame -> frame.get("type").asString())
                .containsExactly("next", "complete", "next", "complete");
    }

    @Test
    void clientCompleteStopsDeliveriesWithoutAServerMessage() {
        openLive();
        acknowledged();
        session.onText(subscribe("s1", SUBSCRIPTION));
        transport.clearFrames();
        session.onText("{\"id\":\"s1\",\"type\":\"complete\"}");
        live.push("Ctl.Real", 1.5);
        assertThat(transport.frames()).isEmpty();
        assertThat(live.groups.stats().members()).isZero();
        assertThat(stats.operations()).isZero();
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void completeOfUnknownIdIsIgnored() {
        open();
        acknowledged();
        session.onText("{\"id\":\"ghost\",\"type\":\"complete\"}");
        assertThat(transport.frames()).isEmpty();
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void queryYieldsNextThenComplete() {
        openLive();
        acknowledged();
        session.onText(subscribe("q", "query($p:String!){ data(path: $p) { minPollingInterval } }"));
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"q\",\"type\":\"next\",\"payload\":{\"data\":{\"data\":{\"minPollingInterval\":10}}}}",
                "{\"id\":\"q\",\"type\":\"complete\"}");
    }

    @Test
    void validationErrorYieldsErrorArrayWithoutComplete() {
        openLive();
        acknowledged();
        session.onText("{\"id\":\"v\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { data { value } }\"}}");
        List<JsonNode> frames = transport.json();
        assertThat(frames).hasSize(1);
        assertThat(frames.getFirst().get("type").asString()).isEqualTo("error");
        assertThat(frames.getFirst().get("id").asString()).isEqualTo("v");
        assertThat(frames.getFirst().get("payload").isArray()).isTrue();
        assertThat(frames.getFirst().at("/payload/0/message").asString()).contains("path");
        assertThat(transport.closed()).isFalse();
        assertThat(stats.operations()).isZero();
    }

    @Test
    void conditionalSubscriptionRootYieldsErrorArray() {
        openLive();
        acknowledged();
        session.onText(subscribe("c", "subscription($p:String!){ data(path:$p) @skip(if:true) { value } }"));
        JsonNode frame = transport.json().getFirst();
        assertThat(frame.get("type").asString()).isEqualTo("error");
        assertThat(frame.at("/payload/0/message").asString())
                .isEqualTo("Validation error: @skip and @include are not allowed on the root field of a subscription");
        assertThat(transport.frames()).hasSize(1);
        assertThat(transport.closed()).isFalse();
    }

    @Test
    void missingVariableYieldsErrorArray() {
        openLive();
        acknowledged();
        session.onText("{\"id\":\"v\",\"type\":\"subscribe\",\"payload\":{\"query\":\""
                + "subscription($p:String!){ data(path:$p) { value } }\"}}");
        JsonNode frame = transport.json().getFirst();
        assertThat(frame.get("type").asString()).isEqualTo("error");
        assertThat(frame.at("/payload/0/message").asString()).contains("p");
        assertThat(transport.frames()).hasSize(1);
    }

    @Test
    void operationLimitAnswersErrorWithoutClosing() {
        ScriptedOperations operations = new ScriptedOperations();
        open(operations, new WsConfig(Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 1024));
        acknowledged();
        session.onText(subscribe("1", SUBSCRIPTION));
        session.onText(subscribe("2", SUBSCRIPTION));
        assertThat(transport.frames()).containsExactly("{\"id\":\"2\",\"type\":\"error\",\"payload\":[{\"message\":"
                + "\"Too many active operations on this connection (limit 1)\"}]}");
        assertThat(transport.closed()).isFalse();
        assertThat(operations.count()).isEqualTo(1);
    }

    @Test
    void oneShotBindingIsDeliveredOnceAndOnlyWithAValue() {
        openLive();
        acknowledged();
        session.onText(subscribe("s", SUBSCRIPTION));
        assertThat(transport.json()).noneMatch(frame -> frame.at("/payload/data/data/path").asString().equals("Cwl.Advise.A[3]"));
        transport.clearFrames();
        live.push("Ctl.Once", "LB01");
        live.push("Ctl.Once", "LB02");
        assertThat(transport.json()).extracting(frame -> frame.at("/payload/data/data/value").asString())
                .containsExactly("LB01");
    }

    // ---- token expiry, closing -----------------------------------------------------------------------

    @Test
    void tokenExpiryErrorsEveryActiveOperationThenCloses4401() {
        openLive();
        session.onText("{\"type\":\"connection_init\",\"payload\":{\"authToken\":\"" + FakeTokens.SHORT + "\"}}");
        session.onText(subscribe("a", SUBSCRIPTION));
        session.onText(subscribe("b", SUBSCRIPTION));
        transport.clearFrames();
        transport.advance(Duration.ofSeconds(5));
        assertThat(transport.frames()).containsExactly(
                "{\"id\":\"a\",\"type\":\"error\",\"payload\":[{\"message\":\"INVALID_AUTH_TOKEN\"}]}",
                "{\"id\":\"b\",\"type\":\"error\",\"payload\":[{\"message\":\"INVALID_AUTH_TOKEN\"}]}");
        assertClosed(4401);
        assertThat(transport.closeReason()).isEqualTo("INVALID_AUTH_TOKEN");
        live.push("Ctl.Real", 2.0);
        assertThat(transport.framesAfterClose()).isEmpty();
        assertThat(live.groups.stats().groups()).isZero();
    }

    @Test
    void shutdownCloses1001() {
        open();
        session.shutdown();
        assertClosed(1001);
    }

    @Test
    void closingReleasesEveryOperation() {
        openLive();
        acknowledged();
        session.onText(subscribe("a", SUBSCRIPTION));
        session.onClosed();
        session.onClosed();
        assertThat(stats.transportWsConnections()).isZero();
        assertThat(stats.operations()).isZero();
        assertThat(live.groups.stats().members()).isZero();
        int sent = transport.frames().size();
        session.onText(subscribe("b", SUBSCRIPTION));
        assertThat(transport.frames()).hasSize(sent);
        assertThat(live.groups.stats().members()).isZero();
    }
}
