package io.vakt.server.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 10 ({@code --idle SECONDS}): both sessions stay open and quiet (no subscription, no calls) for the given
 * time, then must prove they still work: a {@code ping} on the GraphQL session, an {@code ssf.info} call on the
 * WAMP one. A socket closed during the wait is a proxy or firewall cutting quiet connections.
 */
final class IdleCheck {
    static final String NAME = "Idle sessions";

    private IdleCheck() {}

    static StepResult run(RunContext run) throws InterruptedException {
        Duration idle = run.options.idle();
        Instant start = Instant.now();
        // wait on the sessions' ends, so a cut is timed to the moment it happened
        Instant deadline = start.plus(idle);
        List<String> cuts = new ArrayList<>();
        boolean tokenExpired = false;
        long firstCut = Long.MAX_VALUE;
        for (WsSession session : sessions(run)) {
            Duration left = Duration.between(Instant.now(), deadline);
            WsSession.Ended ended = left.isNegative() ? session.endedOrNull() : session.awaitEnd(left);
            if (ended != null) {
                // quiet time as the proxy saw it: from the last traffic on this socket (maybe before the wait began)
                long after = Math.round(Math.max(0, Duration.between(session.lastActivity(), ended.at()).toMillis()) / 1000.0);
                firstCut = Math.min(firstCut, after);
                tokenExpired |= ended.code() == 4401 || String.valueOf(ended.reason()).contains("token");
                cuts.add(label(run, session) + " " + ended.describe() + " after about " + after + " s quiet");
            }
        }
        long waited = Math.round(Duration.between(start, Instant.now()).toMillis() / 1000.0);
        if (!cuts.isEmpty()) {
            if (tokenExpired) {
                return StepResult.warn(NAME, String.join("; ", cuts), "the access token expired during the wait (not a network problem)",
                        "use an --idle shorter than the token lifetime (tokens.accessLifetime, default 10 min)");
            }
            return StepResult.fail(NAME, String.join("; ", cuts),
                    "a proxy or firewall cuts quiet connections after about " + firstCut + " s",
                    "raise proxy_read_timeout (nginx) / timeout tunnel (HAProxy) to 120 s or more; Vakt pings every 25 s "
                            + "(webSocket.pingInterval) — if the pings do not help, the proxy ignores WebSocket pings");
        }
        List<String> alive = new ArrayList<>();
        try {
            if (run.graphqlSession != null) {
                run.graphqlSession.send(Json.write(Map.of("type", "ping")));
                if (!awaitPong(run.graphqlSession, run.options.timeout())) {
                    return StepResult.fail(NAME, "GraphQL: no pong after " + waited + " s quiet",
                            "the socket looks open but nothing comes back: a proxy or firewall dropped the connection silently",
                            "raise the proxy's idle timeout; check firewalls that drop idle flows");
                }
                alive.add("GraphQL answered ping");
            }
            if (run.wampSession != null && run.ssfInfoProcedure != null) {
                StepResult call = WampCheck.call(run, run.wampSession, run.ssfInfoProcedure);
                if (call.status() != Status.OK) return new StepResult(NAME, call.status(), "WAMP after " + waited + " s: " + call.detail(), call.cause(), call.fix(), 0);
                alive.add("WAMP answered ssf.info");
            }
        } catch (WsSession.EndedException e) {
            return StepResult.fail(NAME, "a session ended while proving it lives: " + e.ended().describe(),
                    "a proxy or firewall cut the quiet connection at about " + waited + " s",
                    "raise proxy_read_timeout (nginx) / timeout tunnel (HAProxy); Vakt pings every 25 s — if pings do not help, the proxy ignores WebSocket pings");
        } catch (IllegalStateException e) {
            return StepResult.fail(NAME, e.getMessage(), "a session stopped answering after being quiet",
                    "raise the proxy's idle timeout; check firewalls that drop idle flows");
        }
        return StepResult.ok(NAME, "both sessions survived " + waited + " s quiet: " + String.join(", ", alive));
    }

    /** Reads until the {@code pong}; updates still queued from before the subscription ended are passed over. */
    private static boolean awaitPong(WsSession session, Duration timeout) throws WsSession.EndedException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = session.nextText(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (text == null) return false;
            if ("pong".equals(Json.text(Json.parse(text), "type"))) return true;
        }
        return false;
    }

    private static List<WsSession> sessions(RunContext run) {
        List<WsSession> sessions = new ArrayList<>();
        if (run.graphqlSession != null) sessions.add(run.graphqlSession);
        if (run.wampSession != null) sessions.add(run.wampSession);
        return sessions;
    }

    private static String label(RunContext run, WsSession session) { return session == run.graphqlSession ? "GraphQL" : "WAMP"; }
}
