package io.vakt.server.config;

import io.vakt.core.live.LiveValuesConfig;
import io.vakt.core.write.WriteConfig;
import io.vakt.graphql.GraphqlConfig;
import io.vakt.graphql.ws.WsConfig;
import io.vakt.server.net.Cidr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
                         Login login, Metrics metrics, WampSettings wamp, SsfSettings ssf, Tls tls, Proxy proxy,
                         Fallback fallback, Map<String, Map<String, String>> driverOverrides) {

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

    /**
     * HTTPS. TLS is on when a certificate (PEM, with {@code key}) or a PKCS#12 key store is configured; then
     * {@link Listener#port()} serves HTTPS.
     *
     * @param certificate      PEM file with the certificate chain, the server's certificate first; null = none
     * @param key              PEM file with the private key (PKCS#8 or PKCS#1); null when {@code certificate} is null
     * @param keyStore         PKCS#12 file holding key and chain; null = none (exclusive with {@code certificate})
     * @param keyStorePassword password of {@code keyStore}; null = empty
     * @param redirectPort     a plain-HTTP port answering every request with a redirect to HTTPS; null = none
     * @param hsts             Strict-Transport-Security max-age sent on HTTPS answers; zero = no header
     * @param hostName         the name users type, for the certificate-name check and redirects; null = from the request
     * @param reloadInterval   how often the certificate files are checked for changes; zero = never
     * @param expiryWarning    warn when the certificate expires within this time
     */
    public record Tls(Path certificate, Path key, Path keyStore, String keyStorePassword, Integer redirectPort,
                      Duration hsts, String hostName, Duration reloadInterval, Duration expiryWarning) {
        public static Tls off() {
            return new Tls(null, null, null, null, null, Duration.ZERO, null, Duration.ofSeconds(10), Duration.ofDays(30));
        }

        public boolean enabled() { return certificate != null || keyStore != null; }

        public Tls withCertificate(Path value) { return new Tls(value, key, keyStore, keyStorePassword, redirectPort, hsts, hostName, reloadInterval, expiryWarning); }
        public Tls withKey(Path value) { return new Tls(certificate, value, keyStore, keyStorePassword, redirectPort, hsts, hostName, reloadInterval, expiryWarning); }
        public Tls withKeyStore(Path value) { return new Tls(certificate, key, value, keyStorePassword, redirectPort, hsts, hostName, reloadInterval, expiryWarning); }
        public Tls withKeyStorePassword(String value) { return new Tls(certificate, key, keyStore, value, redirectPort, hsts, hostName, reloadInterval, expiryWarning); }
        public Tls withRedirectPort(Integer value) { return new Tls(certificate, key, keyStore, keyStorePassword, value, hsts, hostName, reloadInterval, expiryWarning); }
        public Tls withHsts(Duration value) { return new Tls(certificate, key, keyStore, keyStorePassword, redirectPort, value, hostName, reloadInterval, expiryWarning); }
        public Tls withHostName(String value) { return new Tls(certificate, key, keyStore, keyStorePassword, redirectPort, hsts, value, reloadInterval, expiryWarning); }
        public Tls withReloadInterval(Duration value) { return new Tls(certificate, key, keyStore, keyStorePassword, redirectPort, hsts, hostName, value, expiryWarning); }
        public Tls withExpiryWarning(Duration value) { return new Tls(certificate, key, keyStore, keyStorePassword, redirectPort, hsts, hostName, reloadInterval, value); }
    }

    /**
     * Reverse proxies and browsers.
     *
     * @param trusted        proxies whose X-Forwarded-For/-Proto/-Host and Forwarded headers are believed
     * @param allowedOrigins web origins, besides the server's own, whose pages may open the WebSocket endpoints
     */
    public record Proxy(List<Cidr> trusted, List<String> allowedOrigins) {}

    /**
     * The fallback transports for networks that block WebSockets: GraphQL over Server-Sent Events
     * ({@code /arrigo/api/graphql/stream}) and WAMP over HTTP long-poll ({@code /arrigo/api/wamp/longpoll}).
     *
     * @param enabled        whether they are served
     * @param longPollWait   how long a long-poll receive request waits for a message before answering empty
     * @param sessionTimeout a fallback session with no request for this long is closed
     */
    public record Fallback(boolean enabled, Duration longPollWait, Duration sessionTimeout) {}

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
                Tls.off(),
                new Proxy(List.of(Cidr.parse("127.0.0.1"), Cidr.parse("::1")), List.of()),
                new Fallback(true, Duration.ofSeconds(10), Duration.ofSeconds(60)),
                Map.of());
    }

    public VaktConfig withListener(Listener listener) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withDataDir(Path dataDir) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withProject(Path project) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withTokens(Tokens tokens) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withLiveValues(LiveValuesConfig liveValues) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withWrites(WriteConfig writes) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withGraphql(GraphqlConfig graphql) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withGraphqlWs(WsConfig graphqlWs) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withWebSocket(WebSocket webSocket) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withLogin(Login login) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withMetrics(Metrics metrics) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withWamp(WampSettings wamp) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withSsf(SsfSettings ssf) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withTls(Tls tls) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withProxy(Proxy proxy) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withFallback(Fallback fallback) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, driverOverrides);
    }

    public VaktConfig withDriverOverrides(Map<String, Map<String, String>> driverOverrides) {
        return new VaktConfig(listener, dataDir, project, tokens, liveValues, writes, graphql, graphqlWs, webSocket,
                login, metrics, wamp, ssf, tls, proxy, fallback, Map.copyOf(driverOverrides));
    }
}
