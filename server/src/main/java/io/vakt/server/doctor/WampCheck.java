package io.vakt.server.doctor;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 9: a WAMP session over {@code wamp.2.json} with ticket authentication (the access token as the ticket,
 * realm {@code realm1}, spec §7.1) and a call of {@code accounts.<account>.services.ssf.info} (spec §7.5).
 */
final class WampCheck {
    static final String NAME = "WAMP session and ssf.info";
    static final String REALM = "realm1";
    static final int HELLO = 1, WELCOME = 2, ABORT = 3, CHALLENGE = 4, AUTHENTICATE = 5, ERROR = 8, CALL = 48, RESULT = 50;

    private WampCheck() {}

    static StepResult run(RunContext run) throws InterruptedException {
        String account;
        try {
            account = account(run);
        } catch (IOException e) {
            return StepResult.fail(NAME, "GET " + run.target().apiPath("/sysinfo") + ": " + DoctorText.describe(e),
                    "the account name could not be read", "see Vakt's log");
        }
        if (account == null) {
            return StepResult.fail(NAME, "GET " + run.target().apiPath("/sysinfo") + " gave no project account",
                    "the account name (the first part of every procedure name) is unknown", "check that this is Vakt");
        }
        UpgradeOutcome outcome = UpgradeProbe.open(run.link, WebSocketChecks.WAMP_PATH, WebSocketChecks.WAMP_JSON);
        if (!(outcome instanceof UpgradeOutcome.Upgraded up)) {
            return StepResult.fail(NAME, "the WebSocket did not open this time", "the upgrade worked a moment ago and now fails: an unstable proxy or firewall",
                    "run the doctor again and look at the proxy's error log");
        }
        WsSession session = up.session();
        run.wampSession = session;
        Duration timeout = run.options.timeout();
        try {
            session.send(Json.write(List.of(HELLO, REALM, Map.of("authmethods", List.of("ticket"),
                    "authid", run.user == null ? "vakt-doctor" : run.user, "roles", Map.of("caller", Map.of())))));
            JsonNode reply = await(session, timeout, "CHALLENGE");
            if (reply.path(0).asInt() == ABORT) return aborted(reply);
            session.send(Json.write(List.of(AUTHENTICATE, run.token, Map.of())));
            reply = await(session, timeout, "WELCOME");
            if (reply.path(0).asInt() == ABORT) return aborted(reply);
            if (reply.path(0).asInt() != WELCOME) {
                return StepResult.fail(NAME, "expected WELCOME, got " + reply, "the router did not complete the sign-in", "see Vakt's log");
            }
            long sessionId = reply.path(1).asLong();
            String procedure = "accounts." + account.toLowerCase(Locale.ROOT) + ".services.ssf.info";
            StepResult call = call(run, session, procedure);
            if (call.status() != Status.OK) return call;
            run.ssfInfoProcedure = procedure;
            return StepResult.ok(NAME, "session " + sessionId + " in " + REALM + "; " + procedure + " answered: " + call.detail());
        } catch (WsSession.EndedException e) {
            return StepResult.fail(NAME, "the socket " + e.ended().describe(), "the WAMP session ended unexpectedly",
                    "look at Vakt's log for the reason");
        } catch (IllegalStateException e) {
            return StepResult.fail(NAME, e.getMessage(), "the router did not answer in time", "see Vakt's log");
        }
    }

    /** Calls {@code procedure} on an established session; OK with a short description of the result, or FAIL. */
    static StepResult call(RunContext run, WsSession session, String procedure) throws WsSession.EndedException, InterruptedException {
        int request = run.wampRequestId++;
        session.send(Json.write(List.of(CALL, request, Map.of(), procedure)));
        JsonNode reply = await(session, run.options.timeout(), "RESULT");
        if (reply.path(0).asInt() == RESULT && reply.path(1).asInt() == request) {
            JsonNode value = reply.path(3).path(0);
            String what = value.isObject() ? "an object with " + String.join(", ", value.propertyNames()) : String.valueOf(value);
            return StepResult.ok(NAME, what.length() > 120 ? what.substring(0, 117) + "..." : what);
        }
        if (reply.path(0).asInt() == ERROR) {
            String uri = reply.path(4).asString();
            return StepResult.fail(NAME, procedure + " → ERROR " + uri,
                    "wamp.error.no_such_procedure".equals(uri) ? "nobody serves " + procedure + ": the ssf service is not running, or the account name differs"
                            : "the call failed: " + uri,
                    "see Vakt's log");
        }
        return StepResult.fail(NAME, "unexpected answer to CALL: " + reply, "the router answered out of protocol", "see Vakt's log");
    }

    private static StepResult aborted(JsonNode abort) {
        String reason = abort.path(2).asString();
        return StepResult.fail(NAME, "ABORT " + reason + " " + abort.path(1),
                "wamp.error.authentication_failed".equals(reason) ? "the router refused the access token" : "the router refused the session: " + reason,
                "sign in again; check that this user may use WAMP");
    }

    private static JsonNode await(WsSession session, Duration timeout, String expected) throws WsSession.EndedException, InterruptedException {
        String text = session.nextText(timeout);
        if (text == null) throw new IllegalStateException("no " + expected + " within " + timeout.toSeconds() + " s");
        return Json.parse(text);
    }

    /** The project's account (the middle of every procedure name), from {@code sysinfo}. */
    private static String account(RunContext run) throws IOException, InterruptedException {
        HttpLink.Reply reply = run.link.get("/sysinfo", "Authorization", "Bearer " + run.token);
        return reply.status() == 200 ? Json.text(Json.parse(reply.body()).path("project"), "account") : null;
    }
}
