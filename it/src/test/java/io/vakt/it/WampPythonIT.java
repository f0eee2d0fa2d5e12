package io.vakt.it;

import java.util.List;
import java.util.Map;

/**
 * The WAMP scenarios of {@link WampClientScenarios} driven by Autobahn|Python (Debian's python3-autobahn,
 * asyncio) with {@code it/src/test/python/wamp_autobahn.py}, the kind of client a Python service would be.
 */
class WampPythonIT extends WampClientScenarios {
    @Override
    void assumeClientInstalled() { WampClients.assumePython(); }

    @Override
    WampClientProcess launch(String label, Map<String, Object> options) {
        return WampClients.python(label, options);
    }

    @Override
    String serviceName() { return "itpython"; }

    @Override
    Capabilities capabilities() {
        // Autobahn|Python has no disclose_caller/disclose_me and cancels without a mode only (the router then uses
        // killnowait); as a callee it announces call_canceling, so it gets INTERRUPT on timeouts and cancels
        return new Capabilities(false, List.of("default"), false, true, true, Map.of(
                "A", List.of("p1", "p2", "p6", "end"),
                "B", List.of("p1", "p2", "p3", "p4", "p6", "end"),
                "P", List.of("p2", "p3", "end")));
    }
}
