package io.vakt.it;

import java.util.List;
import java.util.Map;

/** The WAMP scenarios of {@link WampClientScenarios} driven by Wampy.js 8.0.2 ({@code wamp-wampy.mjs}). */
class WampWampyIT extends WampClientScenarios {
    @Override
    void assumeClientInstalled() { WampClients.assumeNodePackage("wampy"); }

    @Override
    WampClientProcess launch(String label, Map<String, Object> options) {
        return WampClients.node("wamp-wampy.mjs", label, options);
    }

    @Override
    String serviceName() { return "itwampy"; }

    @Override
    Capabilities capabilities() {
        // Wampy discloses the caller with CALL disclose_me, cannot publish with exclude_me=false (the publisher P
        // never gets its own events; a fourth session sends the end marker), and as a callee announces no
        // progressive_call_results or call_canceling
        return new Capabilities(true, List.of("skip", "kill", "killnowait"), true, false, false, Map.of(
                "A", List.of("p1", "p5", "end"),
                "B", List.of("p1", "p3", "p4", "p5", "end"),
                "P", List.of("end")));
    }
}
