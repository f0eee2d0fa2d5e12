package io.vakt.it;

import java.util.Map;

/**
 * The ServerSideFunction scenarios of {@link SsfScenarios} driven by AutobahnJS 22.11.1
 * ({@code ssf-autobahn.mjs}) over {@code wamp.2.json}, as an ArrigoLocal view's code calls them.
 */
class SsfAutobahnIT extends SsfScenarios {
    @Override
    void assumeClientInstalled() { WampClients.assumeNodePackage("autobahn"); }

    @Override
    WampClientProcess launch(String label, Map<String, Object> options) {
        return WampClients.node("ssf-autobahn.mjs", label, options);
    }

    @Override
    String serializer() { return "json"; }
}
