package io.vakt.graphql.live;

import graphql.ExecutionResult;
import io.vakt.core.live.LiveValue;
import io.vakt.core.live.UpdateType;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.path.ElementPath;
import io.vakt.graphql.RequestContext;
import io.vakt.graphql.support.Json;
import io.vakt.graphql.support.LiveFixture;
import io.vakt.graphql.support.TestProjects;
import io.vakt.graphql.ws.OperationExecutor;
import io.vakt.graphql.ws.OperationPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads of the {@code data} subscription are serialized without graphql-java's execution engine, so they must
 * equal what graphql-java would produce for the same selection: aliases, {@code __typename}, fragments and
 * {@code @include}/{@code @skip}, field order, value types and time stamps.
 */
class VariablePayloadsTest {
    private static final TechnicalAddress REAL = new TechnicalAddress("Ctl", "Real");
    private static final Projection ALL = new Projection("data", List.of(
            new Projection.Output("value", VariableField.VALUE),
            new Projection.Output("path", VariableField.PATH),
            new Projection.Output("technicalAddress", VariableField.TECHNICAL_ADDRESS),
            new Projection.Output("type", VariableField.TYPE),
            new Projection.Output("timeStamp", VariableField.TIME_STAMP),
            new Projection.Output("timestamp", VariableField.TIMESTAMP),
            new Projection.Output("__typename", VariableField.TYPENAME)));
    private static final Projection VALUE_ONLY = new Projection("data", List.of(new Projection.Output("value", VariableField.VALUE)));

    private LiveFixture live;

    @AfterEach
    void closeFixture() {
        if (live != null) live.close();
    }

    private static String serialize(Projection projection, Object value) {
        LiveValue state = new LiveValue(REAL, value, UpdateType.Update, Instant.parse("2024-01-01T10:00:00Z"), 1);
        return new String(VariablePayloads.serialize(projection, new ElementPath("Cwl", 0), state), StandardCharsets.UTF_8);
    }

    // ---- direct serialization -------------------------------------------------------------------------

    @Test
    void writesEverySelectedFieldInProjectionOrder() {
        assertThat(serialize(ALL, 21.5)).isEqualTo("{\"data\":{\"data\":{\"value\":21.5,\"path\":\"Cwl.Advise.A[0]\","
                + "\"technicalAddress\":\"Ctl.Real\",\"type\":\"Update\",\"timeStamp\":\"2024-01-01T10:00:00\","
                + "\"timestamp\":\"2024-01-01T10:00:00\",\"__typename\":\"Variable\"}}}");
    }

    @Test
    void writesDoublesAsJsonNumbers() {
        assertThat(serialize(VALUE_ONLY, 21.5)).isEqualTo("{\"data\":{\"data\":{\"value\":21.5}}}");
        assertThat(serialize(VALUE_ONLY, 21.0)).isEqualTo("{\"data\":{\"data\":{\"value\":21.0}}}");
        assertThat(serialize(VALUE_ONLY, -0.001)).isEqualTo("{\"data\":{\"data\":{\"value\":-0.001}}}");
    }

    @Test
    void writesLongsAsJsonIntegers() {
        assertThat(serialize(VALUE_ONLY, 7L)).isEqualTo("{\"data\":{\"data\":{\"value\":7}}}");
        assertThat(serialize(VALUE_ONLY, Long.MAX_VALUE)).isEqualTo("{\"data\":{\"data\":{\"value\":9223372036854775807}}}");
    }

    @Test
    void writesStringsEscaped() {
        assertThat(serialize(VALUE_ONLY, "LB01 \"north\" \\ ✓\n"))
                .isEqualTo("{\"data\":{\"data\":{\"value\":\"LB01 \\\"north\\\" \\\\ ✓\\n\"}}}");
    }

    @Test
    void writesMissingValueAsNull() {
        assertThat(serialize(VALUE_ONLY, null)).isEqualTo("{\"data\":{\"data\":{\"value\":null}}}");
    }

    @Test
    void writesTheSameBytesAsJacksonForEveryValueType() {
        for (Object value : new Object[]{21.5, 1e-7, 1.0E21, 7L, -3L, "x", null, 3, true}) {
            Map<String, Object> inner = new HashMap<>();
            inner.put("value", value);
            assertThat(serialize(VALUE_ONLY, value)).isEqualTo(Json.write(Map.of("data", Map.of("data", inner))));
        }
    }

    @Test
    void nonFiniteDoublesStillMakeValidJson() {
        for (double odd : new double[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            String payload = serialize(VALUE_ONLY, odd);
            assertThat(Json.tree(payload).at("/data/data/value").isValueNode()).as(payload).isTrue();
            assertThat(payload).isEqualTo(Json.write(Map.of("data", Map.of("data", Map.of("value", odd)))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-06-30T23:59:59.999999999Z", "2024-06-30T23:59:59Z", "2024-07-01T01:59:59+02:00"})
    void timestampsAreUtcToTheSecondWithoutZone(String time) {
        Instant instant = java.time.OffsetDateTime.parse(time).toInstant();
        LiveValue state = new LiveValue(REAL, 1.0, UpdateType.Update, instant, 1);
        Projection stamp = new Projection("d", List.of(new Projection.Output("t", VariableField.TIME_STAMP)));
        assertThat(new String(VariablePayloads.serialize(stamp, new ElementPath("Cwv", 12), state), StandardCharsets.UTF_8))
                .isEqualTo("{\"data\":{\"d\":{\"t\":\"2024-06-30T23:59:59\"}}}");
    }

    // ---- selections resolved through graphql-java ----------------------------------------------------

    /** Subscribes {@code query} through the real operations and returns the payload of element 0 after a push. */
    private String payloadOf(String query, Map<String, Object> variables) {
        if (live == null) live = LiveFixture.small();
        RecordingMember member = new RecordingMember();
        Map<String, Object> all = new HashMap<>(variables);
        all.put("p", TestProjects.VALUES);
        OperationExecutor.Outcome outcome = live.operations.run(new OperationPayload(query, all, null),
                new RequestContext(LiveFixture.OPERATOR_LEVEL, "test"), member).toCompletableFuture().join();
        assertThat(outcome).isInstanceOf(OperationExecutor.Outcome.Live.class);
        live.push("Ctl.Real", 21.5);
        return member.last(TestProjects.REAL);
    }

    private String payloadOf(String query) { return payloadOf(query, Map.of()); }

    @Test
    void rootAliasAndFieldAliasesBecomeResultKeys() {
        assertThat(payloadOf("subscription($p:String!){ live: data(path:$p) { v: value value p: path } }"))
                .isEqualTo("{\"data\":{\"live\":{\"v\":21.5,\"value\":21.5,\"p\":\"Cwl.Advise.A[0]\"}}}");
    }

    @Test
    void typenameIsVariable() {
        assertThat(payloadOf("subscription($p:String!){ data(path:$p) { __typename value } }"))
                .isEqualTo("{\"data\":{\"data\":{\"__typename\":\"Variable\",\"value\":21.5}}}");
    }

    @Test
    void fragmentsAreMergedInDocumentOrder() {
        assertThat(payloadOf("subscription($p:String!){ data(path:$p) { ...F ... on Variable { type value } } }"
                + " fragment F on Variable { path value }"))
                .isEqualTo("{\"data\":{\"data\":{\"path\":\"Cwl.Advise.A[0]\",\"value\":21.5,\"type\":\"Update\"}}}");
    }

    @Test
    void includeDirectiveFollowsItsVariable() {
        String query = "subscription($p:String!,$v:Boolean!){ data(path:$p) { value @include(if:$v) path @skip(if:$v) type } }";
        assertThat(payloadOf(query, Map.of("v", true)))
                .isEqualTo("{\"data\":{\"data\":{\"value\":21.5,\"type\":\"Update\"}}}");
        live.close();
        live = null;
        assertThat(payloadOf(query, Map.of("v", false)))
                .isEqualTo("{\"data\":{\"data\":{\"path\":\"Cwl.Advise.A[0]\",\"type\":\"Update\"}}}");
    }

    @Test
    void bothTimeStampSpellingsCarryTheSameTime() {
        assertThat(payloadOf("subscription($p:String!){ data(path:$p) { timestamp timeStamp } }"))
                .isEqualTo("{\"data\":{\"data\":{\"timestamp\":\"2024-01-01T10:00:00\",\"timeStamp\":\"2024-01-01T10:00:00\"}}}");
    }

    @Test
    void payloadEqualsWhatGraphqlJavaProducesForTheSameSelection() {
        String selection = "__typename ...F tech: technicalAddress v: value @include(if: $v) path @skip(if: $v) type"
                + " timestamp";
        String fragment = " fragment F on Variable { timeStamp value }";
        live = LiveFixture.small();
        RecordingMember member = new RecordingMember();
        live.operations.run(new OperationPayload("subscription($p:String!,$v:Boolean!){ data(path:$p) { " + selection + " } }"
                        + fragment, Map.of("p", TestProjects.VALUES, "v", true), null),
                new RequestContext(LiveFixture.OPERATOR_LEVEL, "test"), member).toCompletableFuture().join();
        live.push("Ctl.Real", 21.5);
        live.push("Ctl.Int", 4L);
        live.push("Ctl.Text", "running");

        ExecutionResult polled = live.execute(LiveFixture.OPERATOR_LEVEL, "query($p:String!,$v:Boolean!){ data(path:$p) {"
                + " variables { " + selection + " } } }" + fragment, Map.of("p", TestProjects.VALUES, "v", true));
        assertThat(polled.getErrors()).isEmpty();
        JsonNode variables = Json.of(polled.toSpecification()).at("/data/data/variables");
        for (int k : new int[]{TestProjects.REAL, TestProjects.INT, TestProjects.TEXT, TestProjects.GHOST}) {
            String fromEngine = Json.write(Map.of("data", Map.of("data", variables.get(k))));
            assertThat(member.last(k)).as("element %d", k).isEqualTo(fromEngine);
        }
    }
}
