package io.vakt.server.doctor;

import java.util.List;

/**
 * Steps 6 and 7: the WebSocket upgrade on both endpoints (judged together, because one that upgrades while the
 * other does not points at a missing proxy location), then every subprotocol clients use.
 */
final class WebSocketChecks {
    static final String GRAPHQL_PATH = "/graphql/ws";
    static final String WAMP_PATH = "/wamp";
    static final String GRAPHQL_UPGRADE = "WebSocket upgrade " + GRAPHQL_PATH;
    static final String WAMP_UPGRADE = "WebSocket upgrade " + WAMP_PATH;
    static final String BROWSER_ORIGIN = "Browser origin";
    static final String GRAPHQL_SUBPROTOCOLS = "GraphQL subprotocols";
    static final String WAMP_SUBPROTOCOLS = "WAMP serializers";
    static final String TRANSPORT_WS = "graphql-transport-ws";
    static final String LEGACY_WS = "graphql-ws";
    static final String WAMP_JSON = "wamp.2.json";
    static final String WAMP_MSGPACK = "wamp.2.msgpack";

    private WebSocketChecks() {}

    /** Both upgrades; the two results in order, each with its own time. */
    static List<StepResult> upgrades(RunContext run) throws InterruptedException {
        long start = System.nanoTime();
        UpgradeOutcome graphql = probe(run, GRAPHQL_PATH, TRANSPORT_WS);
        long graphqlMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        UpgradeOutcome wamp = probe(run, WAMP_PATH, WAMP_JSON);
        long wampMillis = (System.nanoTime() - start) / 1_000_000;
        run.graphqlUpgraded = graphql instanceof UpgradeOutcome.Upgraded;
        run.wampUpgraded = wamp instanceof UpgradeOutcome.Upgraded;
        return List.of(
                UpgradeDiagnosis.judge(GRAPHQL_UPGRADE, run.target(), GRAPHQL_PATH, graphql, WAMP_PATH, run.wampUpgraded)
                        .withMillis(graphqlMillis),
                UpgradeDiagnosis.judge(WAMP_UPGRADE, run.target(), WAMP_PATH, wamp, GRAPHQL_PATH, run.graphqlUpgraded)
                        .withMillis(wampMillis));
    }

    /**
     * The upgrade once more as a browser on the site makes it, with its {@code Origin}: the upgrade steps go without
     * one (as services do), so a refusal here is the same-origin rule, which a proxy that hides the browser's host or
     * scheme breaks for every user.
     */
    static StepResult browserOrigin(RunContext run) throws InterruptedException {
        String origin = run.target().origin();
        UpgradeOutcome outcome = UpgradeProbe.open(run.link, GRAPHQL_PATH, TRANSPORT_WS, origin);
        if (outcome instanceof UpgradeOutcome.Upgraded up) {
            up.session().close();
            return StepResult.ok(BROWSER_ORIGIN, "an upgrade with Origin " + origin + " is accepted, as pages of the site need");
        }
        StepResult judged = UpgradeDiagnosis.judge(BROWSER_ORIGIN, run.target(), GRAPHQL_PATH, outcome, WAMP_PATH, false);
        if (outcome instanceof UpgradeOutcome.Refused refused && refused.reply().status() == 403 && refused.reply().fromVakt()) {
            return StepResult.fail(BROWSER_ORIGIN, judged.detail(),
                    "browsers on " + origin + " are refused: Vakt does not see " + origin + " as its own origin, so the "
                            + "site's own pages count as cross-site (the proxy hides the browser's host, port or scheme)",
                    "let the proxy send the browser's host and scheme (nginx: proxy_set_header Host $http_host; "
                            + "proxy_set_header X-Forwarded-Host $http_host; proxy_set_header X-Forwarded-Proto $scheme;) "
                            + "and list it in proxy.trusted, "
                            + "or add " + origin + " to webSocket.allowedOrigins");
        }
        return judged;
    }

    static StepResult graphqlSubprotocols(RunContext run) throws InterruptedException {
        return subprotocols(run, GRAPHQL_SUBPROTOCOLS, GRAPHQL_PATH, TRANSPORT_WS, LEGACY_WS,
                "ArrigoLocal's own clients (subscriptions-transport-ws) speak " + LEGACY_WS);
    }

    static StepResult wampSubprotocols(RunContext run) throws InterruptedException {
        return subprotocols(run, WAMP_SUBPROTOCOLS, WAMP_PATH, WAMP_JSON, WAMP_MSGPACK,
                "ArrigoLocal services speak " + WAMP_MSGPACK);
    }

    /** The first subprotocol was proven by the upgrade step; this tries the second. */
    private static StepResult subprotocols(RunContext run, String name, String path, String proven, String other,
                                           String whyItMatters) throws InterruptedException {
        UpgradeOutcome outcome = UpgradeProbe.open(run.link, path, other);
        if (outcome instanceof UpgradeOutcome.Upgraded up) {
            up.session().close();
            if (other.equals(up.subprotocol())) return StepResult.ok(name, proven + " and " + other + " negotiated");
            return StepResult.fail(name, "offered " + other + ", the server chose " + (up.subprotocol().isEmpty() ? "none" : up.subprotocol()),
                    "the " + other + " subprotocol was not confirmed: " + whyItMatters,
                    "make the proxy pass Sec-WebSocket-Protocol both ways unchanged");
        }
        StepResult judged = UpgradeDiagnosis.judge(name, run.target(), path, outcome, path, false);
        return StepResult.fail(name, proven + " works, " + other + " does not: " + judged.detail(), judged.cause(), judged.fix());
    }

    private static UpgradeOutcome probe(RunContext run, String path, String subprotocol) throws InterruptedException {
        UpgradeOutcome outcome = UpgradeProbe.open(run.link, path, subprotocol);
        // this check only proves the upgrade; the protocol checks open sessions of their own
        if (outcome instanceof UpgradeOutcome.Upgraded up) up.session().close();
        return outcome;
    }
}
