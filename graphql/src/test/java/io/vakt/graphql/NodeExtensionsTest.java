package io.vakt.graphql;

import graphql.ExecutionResult;
import io.vakt.core.access.Principal;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.View;
import io.vakt.core.path.NodePaths;
import io.vakt.graphql.support.Json;
import io.vakt.graphql.support.LiveFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.vakt.graphql.support.LiveFixture.ADMIN;
import static io.vakt.graphql.support.LiveFixture.GUEST;
import static io.vakt.graphql.support.LiveFixture.OPERATOR_LEVEL;
import static io.vakt.graphql.support.LiveFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/** The Vakt extensions {@code Node.bindings} and {@code Node.drawing} that the web runtime draws with. */
class NodeExtensionsTest {
    private static final String SYSTEM_AIR = NodePaths.encode("Landskrona.SystemAir.File");
    private static final String BINDINGS = "bindings { path technicalAddress dataType unit min max bound readable writable }";

    private static LiveFixture live;

    @BeforeAll
    static void startDemo() { live = LiveFixture.demo(); }

    @AfterAll
    static void stopDemo() { live.close(); }

    private static JsonNode node(Principal user, String path, String fields) {
        ExecutionResult result = live.execute(user, "{ node(path: \"" + path + "\") { " + fields + " } }");
        assertThat(result.getErrors()).isEmpty();
        return Json.of(result.toSpecification()).at("/data/node");
    }

    private static JsonNode binding(Principal user, String address) {
        for (JsonNode binding : node(user, SYSTEM_AIR, BINDINGS).get("bindings")) {
            if (binding.get("technicalAddress").asString().equals(address)) return binding;
        }
        throw new AssertionError("no binding of " + address + " in SystemAir");
    }

    @Test
    void bindingsFollowTheAdviseOrderOfTheContent() {
        JsonNode node = node(GUEST, SYSTEM_AIR, "content " + BINDINGS);
        JsonNode advise = node.at("/content/Cwl/Advise/A");
        JsonNode bindings = node.get("bindings");
        assertThat(bindings.size()).isEqualTo(advise.size()).isPositive();
        for (int k = 0; k < bindings.size(); k++) {
            assertThat(bindings.get(k).get("path").asString()).isEqualTo("Cwl.Advise.A[" + k + "]");
        }
    }

    @Test
    void aBindingCarriesThePointsTypeUnitAndRange() {
        JsonNode setpoint = binding(ADMIN, "AHU1.GT11_SP");
        assertThat(setpoint.get("dataType").asString()).isEqualTo("real");
        assertThat(setpoint.get("unit").asString()).isEqualTo("°C");
        assertThat(setpoint.get("min").asDouble()).isEqualTo(14.0);
        assertThat(setpoint.get("max").asDouble()).isEqualTo(26.0);
        assertThat(setpoint.get("bound").asBoolean()).isTrue();
        JsonNode second = binding(ADMIN, "AHU1.QSystem.Sec");
        assertThat(second.get("dataType").asString()).isEqualTo("integer");
        assertThat(second.get("min").isNull()).isTrue();
        assertThat(binding(ADMIN, "AHU1.TF1_FB").get("dataType").asString()).isEqualTo("digital");
    }

    @Test
    void writableSaysWhetherThisUserMayWrite() {
        // SupplySetpoint: Writable, WriteAccess Operator (the default); RunMode: WriteAccess Service
        assertThat(binding(GUEST, "AHU1.GT11_SP").get("writable").asBoolean()).isFalse();
        assertThat(binding(OPERATOR_LEVEL, "AHU1.GT11_SP").get("writable").asBoolean()).isTrue();
        assertThat(binding(OPERATOR_LEVEL, "AHU1.RUNMODE").get("writable").asBoolean()).isFalse();
        assertThat(binding(SERVICE, "AHU1.RUNMODE").get("writable").asBoolean()).isTrue();
        assertThat(binding(ADMIN, "AHU1.GT11").get("writable").asBoolean()).isFalse();
        assertThat(binding(GUEST, "AHU1.GT11").get("readable").asBoolean()).isTrue();
    }

    @Test
    void aListHasNoDrawing() {
        assertThat(node(GUEST, SYSTEM_AIR, "drawing").get("drawing").isNull()).isTrue();
    }

    @Test
    void everyViewsDrawingMarksEachBindingOnceInAdviseOrder() {
        int views = 0;
        for (NodeRef ref : live.project.nodes()) {
            if (!(ref.file() instanceof View)) continue;
            views++;
            JsonNode node = node(ADMIN, ref.nodePath(), "drawing " + BINDINGS);
            String drawing = node.get("drawing").asString();
            assertThat(drawing).startsWith("<svg").doesNotContain("<script").doesNotContain("<?xml");
            Matcher marks = Pattern.compile("data-vakt-advise=\"(\\d+)\"").matcher(drawing);
            int expected = 0;
            while (marks.find()) assertThat(Integer.parseInt(marks.group(1))).isEqualTo(expected++);
            assertThat(expected).isEqualTo(node.get("bindings").size()).isPositive();
        }
        assertThat(views).isPositive();
    }
}
