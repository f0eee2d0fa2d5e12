package io.vakt.server.http;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.error.Fault;
import io.vakt.server.auth.AuthGuard;
import io.vakt.server.auth.Guarded;
import io.vakt.server.metrics.VaktMetrics;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operational endpoints of spec §2.5: {@code health} (no token, for load balancers), {@code sysinfo} (any
 * valid token, spec §15 item 1), {@code metrics} (Admin, or the configured scrape token).
 */
final class OpsEndpoints {
    private final AuthGuard guard;
    private final VaktMetrics metrics;
    private final String scrapeToken;
    private final Supplier<Map<String, Object>> sysinfo;
    private final BooleanSupplier serving;

    OpsEndpoints(AuthGuard guard, VaktMetrics metrics, String scrapeToken, Supplier<Map<String, Object>> sysinfo,
                 BooleanSupplier serving) {
        this.guard = guard;
        this.metrics = metrics;
        this.scrapeToken = scrapeToken;
        this.sysinfo = sysinfo;
        this.serving = serving;
    }

    void health(RoutingContext routing) {
        boolean up = serving.getAsBoolean();
        Responses.write(routing, new HttpAnswer(up ? 200 : 503, Map.of(), Map.of("status", up ? "UP" : "DOWN")));
    }

    void sysinfo(RoutingContext routing) {
        Guarded guarded = guard.check(routing.request().getHeader("Authorization"));
        if (guarded instanceof Guarded.Denied denied) {
            Responses.write(routing, denied.answer());
            return;
        }
        Responses.write(routing, HttpAnswer.ok(sysinfo.get()));
    }

    void metrics(RoutingContext routing) {
        String header = routing.request().getHeader("Authorization");
        if (!isScrapeToken(header)) {
            Guarded guarded = guard.check(header);
            if (guarded instanceof Guarded.Denied denied) {
                Responses.write(routing, denied.answer());
                return;
            }
            if (!((Guarded.Allowed) guarded).principal().baseLevel().atLeast(AccessLevel.Admin)) {
                Responses.write(routing, HttpAnswer.error(Fault.NOT_AUTHORIZED, "metrics need an Admin user or the scrape token"));
                return;
            }
        }
        routing.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(metrics.scrape());
    }

    private boolean isScrapeToken(String header) {
        if (scrapeToken == null || scrapeToken.isEmpty() || header == null) return false;
        String presented = io.vakt.core.access.TokenVerifier.stripBearer(header);
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), scrapeToken.getBytes(StandardCharsets.UTF_8));
    }
}
