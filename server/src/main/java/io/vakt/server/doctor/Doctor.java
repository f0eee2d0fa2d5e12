package io.vakt.server.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the checks in order, each once, reporting every result as soon as it is known. A check that cannot run
 * because an earlier one failed, or because it needs a token that was not given, is reported as skipped with
 * the reason, so the operator sees the whole list every time.
 */
public final class Doctor {
    /** One check: its result from what the run knows so far. */
    private interface Check {
        StepResult run(RunContext run) throws InterruptedException;
    }

    private final DoctorOptions options;
    private final Progress progress;

    /** @param progress called with each result as soon as its check ends (the CLI prints a line) */
    public Doctor(DoctorOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public DoctorReport run() throws InterruptedException {
        List<StepResult> results = new ArrayList<>();
        try (RunContext run = new RunContext(options)) {
            step(results, run, NetworkChecks.RESOLVE, null, NetworkChecks::resolve);
            step(results, run, NetworkChecks.TCP, run.addresses.isEmpty() ? "the name did not resolve" : null, r -> NetworkChecks.connect(r));
            step(results, run, TlsCheck.NAME, run.reachable == null ? "no TCP connection" : null, r -> TlsCheck.run(r));
            if (run.reachable != null && run.transportUsable) run.link = new HttpLink(options.target(), options.timeout(), run.tls);
            String noLink = run.link == null ? (run.reachable == null ? "no TCP connection" : "no TLS session") : null;
            step(results, run, ApiChecks.HEALTH, noLink, ApiChecks::health);
            String noApi = noLink != null ? noLink : run.apiAnswers ? null : "the API did not answer as Vakt";
            step(results, run, ApiChecks.DIAGNOSTICS, noApi, ApiChecks::diagnostics);
            step(results, run, ApiChecks.SIGN_IN, noApi, ApiChecks::signIn);
            if (noLink != null) {
                results.add(report(StepResult.skip(WebSocketChecks.GRAPHQL_UPGRADE, noLink)));
                results.add(report(StepResult.skip(WebSocketChecks.WAMP_UPGRADE, noLink)));
            } else {
                for (StepResult result : WebSocketChecks.upgrades(run)) results.add(report(result));
            }
            step(results, run, WebSocketChecks.BROWSER_ORIGIN, run.graphqlUpgraded ? null : "the GraphQL upgrade failed",
                    WebSocketChecks::browserOrigin);
            step(results, run, WebSocketChecks.GRAPHQL_SUBPROTOCOLS, run.graphqlUpgraded ? null : "the GraphQL upgrade failed",
                    WebSocketChecks::graphqlSubprotocols);
            step(results, run, WebSocketChecks.WAMP_SUBPROTOCOLS, run.wampUpgraded ? null : "the WAMP upgrade failed",
                    WebSocketChecks::wampSubprotocols);
            step(results, run, GraphqlCheck.NAME, needsToken(run, run.graphqlUpgraded, "the GraphQL upgrade failed"), GraphqlCheck::run);
            step(results, run, WampCheck.NAME, needsToken(run, run.wampUpgraded, "the WAMP upgrade failed"), WampCheck::run);
            if (options.idle().isZero()) {
                results.add(report(StepResult.notApplicable(IdleCheck.NAME, "not asked for (--idle SECONDS checks that quiet sessions survive the proxy)")));
            } else {
                boolean any = run.graphqlSession != null || run.wampSession != null;
                if (any) progress.note("keeping both sessions open and quiet for " + options.idle().toSeconds() + " s...");
                step(results, run, IdleCheck.NAME, any ? null : "no session is open to keep idle", IdleCheck::run);
            }
        }
        return new DoctorReport(options.target(), results);
    }

    private static String needsToken(RunContext run, boolean upgraded, String noUpgrade) {
        if (!upgraded) return noUpgrade;
        return run.token == null ? run.noTokenReason : null;
    }

    private void step(List<StepResult> results, RunContext run, String name, String skipReason, Check check)
            throws InterruptedException {
        if (skipReason != null) {
            results.add(report(StepResult.skip(name, skipReason)));
            return;
        }
        long start = System.nanoTime();
        StepResult result;
        try {
            result = check.run(run);
        } catch (RuntimeException e) {
            // a check must never take the whole run down: what it could not do is its finding
            result = StepResult.fail(name, "the check itself failed: " + DoctorText.describe(e),
                    "an unexpected answer the doctor cannot judge", "run with --verbose and report it");
        }
        results.add(report(result.withMillis((System.nanoTime() - start) / 1_000_000)));
    }

    private StepResult report(StepResult result) {
        progress.finished(result);
        return result;
    }
}
