package io.vakt.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WAMP scenarios of {@link WampClientScenarios} driven by AutobahnJS 22.11.1 ({@code wamp-autobahn.mjs}),
 * the library ArrigoLocal's frontend uses, plus a caller and callee on different serializers.
 */
class WampAutobahnIT extends WampClientScenarios {
    @Override
    void assumeClientInstalled() { WampClients.assumeNodePackage("autobahn"); }

    @Override
    WampClientProcess launch(String label, Map<String, Object> options) {
        return WampClients.node("wamp-autobahn.mjs", label, options);
    }

    @Override
    String serviceName() { return "itautobahn"; }

    @Override
    Capabilities capabilities() {
        // cancel: only "kill" (AutobahnJS forgets a call it cancels with skip/killnowait, then chokes on the ERROR)
        return new Capabilities(true, List.of("kill"), true, true, false, Map.of(
                "A", List.of("p1", "p2", "p5", "p6", "end"),
                "B", List.of("p1", "p2", "p3", "p4", "p5", "p6", "end"),
                "P", List.of("p2", "p3", "end")));
    }

    @Override
    List<String> scenarios() {
        List<String> scenarios = new ArrayList<>(SCENARIOS);
        scenarios.add("mixed");
        return scenarios;
    }

    /** 53: the router re-encodes between serializers: a JSON caller and publisher, a MessagePack callee and subscriber. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"json", "msgpack"})
    void jsonAndMsgpackSessionsTalkToEachOther(String serializer) {
        Scenario s = scenario(serializer, "mixed");
        JsonNode sent = s.event("sent");
        JsonNode result = s.event("result");
        assertThat(result.get("args")).as("RESULT args across serializers").isEqualTo(sent.get("args"));
        assertThat(result.get("kwargs")).as("RESULT kwargs across serializers").isEqualTo(sent.get("kwargs"));
        assertThat(s.event("invocation").get("args")).as("INVOCATION args across serializers").isEqualTo(sent.get("args"));
        assertThat(s.event("event").get("args")).as("EVENT args across serializers").isEqualTo(sent.get("args"));
        s.assertCleanEnd();
    }
}
