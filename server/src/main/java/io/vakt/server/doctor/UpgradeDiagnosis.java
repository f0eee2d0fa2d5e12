package io.vakt.server.doctor;

import java.util.Locale;

/**
 * Names the cause of a WebSocket upgrade that did not happen, telling apart: upgraded; 200/404 (the proxy does
 * not route the path to Vakt); 400/426 (the Upgrade header was stripped); 403 (origin refused or proxy forbids);
 * 502/504 (proxy cannot reach Vakt); a timeout (firewall or proxy holding the upgrade).
 */
final class UpgradeDiagnosis {
    private UpgradeDiagnosis() {}

    /**
     * @param endpoint      the API path, e.g. {@code /wamp}
     * @param otherEndpoint the other WebSocket path
     * @param otherUpgraded whether the other endpoint upgraded through the same way: if it did, the proxy handles
     *                      upgrades but not for this path (a missing location)
     */
    static StepResult judge(String name, DoctorTarget target, String endpoint, UpgradeOutcome outcome,
                            String otherEndpoint, boolean otherUpgraded) {
        String path = target.apiPath(endpoint);
        return switch (outcome) {
            case UpgradeOutcome.Upgraded up ->
                    StepResult.ok(name, "101 Switching Protocols, subprotocol " + up.subprotocol());
            case UpgradeOutcome.TimedOut ignored -> StepResult.fail(name, "no answer to the upgrade request",
                    "a firewall or proxy holds WebSocket upgrades to " + path + " without answering (some filter "
                            + "WebSockets silently)",
                    "allow WebSockets to " + target.origin() + " in the firewall (search: <your firewall> enable websockets), "
                            + "and check the proxy's timeouts for this path");
            case UpgradeOutcome.Broken broken -> StepResult.fail(name, broken.message(),
                    "the connection broke during the upgrade request: a firewall or proxy cuts WebSocket requests",
                    "allow WebSockets to " + target.origin() + " in every firewall and proxy on the way");
            case UpgradeOutcome.Refused refused -> refused(name, target, path, refused.reply(),
                    target.apiPath(otherEndpoint), otherUpgraded);
        };
    }

    private static StepResult refused(String name, DoctorTarget target, String path, HttpLink.Reply reply,
                                      String otherPath, boolean otherUpgraded) {
        int status = reply.status();
        String who = reply.fromVakt() ? "Vakt" : reply.server().isEmpty() ? "a server that is not Vakt" : reply.server();
        String detail = "HTTP " + status + " from " + who + (reply.bodySnippet().isEmpty() ? "" : ": " + reply.bodySnippet());
        String body = reply.body() == null ? "" : reply.body().toLowerCase(Locale.ROOT);
        String proxyFix = NginxAdvice.upgradeFix(target, reply.server());
        if (status == 426 || (status == 400 && !reply.fromVakt())
                || (status == 400 && body.contains("upgrade") && !body.contains("subprotocol"))) {
            String cause = otherUpgraded
                    ? "the proxy passes the WebSocket upgrade for " + otherPath + " but not for " + path
                            + ": it has no location for " + path + " that passes the Upgrade header (ArrigoLocal "
                            + "clients need both endpoints configured)"
                    : "the Upgrade header was stripped on the way: " + (reply.fromVakt()
                            ? "Vakt got a plain HTTP request (426), so a reverse proxy forwards without HTTP/1.1 Upgrade and Connection headers"
                            : who + " refused the upgrade (" + status + ")");
            return StepResult.fail(name, detail, cause, proxyFix);
        }
        if (status == 400 && body.contains("subprotocol")) {
            return StepResult.fail(name, detail, "the Sec-WebSocket-Protocol header was lost on the way to Vakt",
                    "make the proxy pass the request headers of the upgrade unchanged (nginx does by default)");
        }
        if (status == 200 || status == 404 || (status >= 300 && status < 400)) {
            String where = reply.fromVakt() ? "Vakt itself (is there a path prefix the proxy adds or removes?)"
                    : reply.server().isEmpty() ? "another web site or the proxy" : "the proxy (" + reply.server() + ") or a site behind it";
            String redirect = reply.header("location").map(to -> "; it redirects to " + to + ", and WebSocket clients do not follow redirects").orElse("");
            return StepResult.fail(name, detail, "the proxy does not route " + path + " to Vakt: the answer came from "
                    + where + redirect, proxyFix);
        }
        if (status == 401 || status == 403) {
            if (reply.fromVakt()) {
                return StepResult.fail(name, detail, "Vakt refused the upgrade: the Origin " + target.origin()
                                + " is not this server's own origin as Vakt sees it, nor in webSocket.allowedOrigins",
                        "make the proxy pass the Host header unchanged (nginx: proxy_set_header Host $host;) and the "
                                + "scheme (X-Forwarded-Proto), or add " + target.origin() + " to webSocket.allowedOrigins");
            }
            return StepResult.fail(name, detail, who + " forbids WebSocket upgrades on " + path,
                    "allow WebSockets for " + path + " in the proxy or web application firewall\n" + proxyFix);
        }
        if (status == 502 || status == 503 || status == 504) {
            String what = status == 504 ? "timed out waiting for Vakt" : status == 503 && reply.fromVakt()
                    ? "is Vakt, which is starting or stopping" : "cannot reach Vakt (connection refused or reset)";
            return StepResult.fail(name, detail, "the proxy " + what + " for " + path,
                    "check that Vakt runs and that the proxy's upstream address for " + path + " is Vakt's host and port");
        }
        return StepResult.fail(name, detail, who + " answered the upgrade with HTTP " + status,
                "look at the proxy's and Vakt's logs for " + path);
    }
}
