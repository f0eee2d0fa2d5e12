package io.vakt.server.config;

import io.vakt.core.live.LiveValuesConfig;
import io.vakt.core.write.WriteConfig;
import io.vakt.graphql.GraphqlConfig;
import io.vakt.graphql.ws.WsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole configuration of a Vakt server, immutable. Read from the YAML file, then overridden by
 * {@code VAKT_…} environment variables, then by command-line flags ({@link ConfigLoader}); every key has a
 * documented default ({@code docs/configuration.md}).
 *
 * @param project null for the embedded demo building
 */
public record VaktConfig(Listener listener, Path dataDir, Path project, Tokens tokens, LiveValuesConfig liveValues,
                         WriteConfig writes, GraphqlConfig graphql, WsConfig graphqlWs, WebSocket webSocket,
                         Login login, Metrics metrics, WampSettings wamp, SsfSettings ssf,
                         Map<String, Map<String, String>> driverOverrides) {

    /** Where the server listens. {@code port} 0 picks a free port (tests). */
    public record Listener(String host, int port, int eventLoops) {}

    /** Token lifetimes (spec §2.4 decision: 600 s and 60 days by default). */
    public record Tokens(Duration accessLifetime, Duration refreshLifetime) {}

    /**
     * Transport settings shared by both WebSocket endpoints.
     *
     * @param pingInterval WebSocket ping frames this often keep proxies from cutting idle sessions (spec §6: 25 s)
     * @param compression  permessage-deflate; off by default because it is per socket and defeats shared-buffer fan-out
     * @param writeQueueHighWaterBytes a socket holding more than this is "slow": live values are conflated
     */
    public record WebSocket(Duration pingInterval, boolean compression, int writeQueueHighWaterBytes) {}

    /**
     * Login throttling: after {@code freeFailures} failed logins for a user or from an address within
     * {@code window}, each further attempt waits twice as long as the one before, up to {@code maxDelay}.
     */
    public record Login(int freeFailures, Duration window, Duration maxDelay) {}

    /** @param scrapeToken a bearer token that may read {@code /arrigo/api/metrics} besides Admin users; null = none */
    public record Metrics(String scrapeToken) {}

    public static VaktConfig defaults() {
        return new VaktConfig(
                new Listener("0.0.0.0", 8080, Math.max(1, Runtime.getRuntime().availableProcessors())),
                Path.of("data"),
                null,
                new Tokens(Duration.ofMinutes(10), Duration.ofDays(60)),
                LiveValuesConfig.defaults(),
                WriteConfig.defaults(),
                GraphqlConfig.defaults(),
                WsConfig.defaults(),
                new WebSocket(Duration.ofSeconds(25), false, 256 * 1024),
                new Login(3, Duration.ofMinutes(15), Duration.ofSeconds(30)),
                new Metrics(null),
                WampSettings.defaults(),
                SsfSettings.defaults(),
                Map.of());
    }

    public VaktConfig withListener(Listener listener) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withDataDir(Path dataDir) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withProject(Path project) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withTokens(Tokens tokens) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withLiveValues(LiveValuesConfig liveValues) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withWrites(WriteConfig writes) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withGraphql(GraphqlConfig graphql) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withGraphqlWs(WsConfig graphqlWs) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withWebSocket(WebSocket webSocket) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withLogin(Login login) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withMetrics(Metrics metrics) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withWamp(WampSettings wamp) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withSsf(SsfSettings ssf) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, driverOverrides);
    }

    public VaktConfig withDriverOverrides(Map<String, Map<String, String>> driverOverrides) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, Map.copyOf(driverOverrides));
    }
}
