package io.vakt.server.config;

import io.vakt.core.live.LiveValuesConfig;
import io.vakt.core.write.WriteConfig;
import io.vakt.graphql.GraphqlConfig;
import io.vakt.graphql.ws.WsConfig;
import io.vakt.server.config.VaktConfig.Listener;
import io.vakt.server.config.VaktConfig.Login;
import io.vakt.server.config.VaktConfig.Metrics;
import io.vakt.server.config.VaktConfig.Tokens;
import io.vakt.server.config.VaktConfig.WebSocket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.vakt.server.config.ConfigKey.of;
import static io.vakt.server.config.ValueType.BOOLEAN;
import static io.vakt.server.config.ValueType.COUNT;
import static io.vakt.server.config.ValueType.DURATION;
import static io.vakt.server.config.ValueType.HOSTS;
import static io.vakt.server.config.ValueType.MEMORY;
import static io.vakt.server.config.ValueType.NETWORKS;
import static io.vakt.server.config.ValueType.ORIGINS;
import static io.vakt.server.config.ValueType.PATH;
import static io.vakt.server.config.ValueType.PERMISSIONS;
import static io.vakt.server.config.ValueType.PORT;
import static io.vakt.server.config.ValueType.POSITIVE_COUNT;
import static io.vakt.server.config.ValueType.POSITIVE_DURATION;
import static io.vakt.server.config.ValueType.RATE;
import static io.vakt.server.config.ValueType.REALMS;
import static io.vakt.server.config.ValueType.SIZE;
import static io.vakt.server.config.ValueType.TEXT;

/**
 * The registry of configuration keys, in the order the documentation lists them. Besides these, any
 * {@code drivers.<driver>.<setting>} key overrides that setting of every controller using that driver
 * ({@link VaktConfig#driverOverrides()}); the drivers themselves check those values.
 */
public final class ConfigKeys {
    /** Keys below {@code drivers.} are driver overrides, not registry keys. */
    public static final String DRIVERS = "drivers";

    /** Every key. */
    public static final List<ConfigKey<?>> ALL = List.of(
            of("server.host", TEXT, "Address to listen on; 0.0.0.0 listens on every IPv4 interface",
                    c -> c.listener().host(),
                    (c, v) -> c.withListener(new Listener(v, c.listener().port(), c.listener().eventLoops()))),
            of("server.port", PORT, "HTTP port; 0 picks a free one",
                    c -> c.listener().port(),
                    (c, v) -> c.withListener(new Listener(c.listener().host(), v, c.listener().eventLoops()))),
            of("server.eventLoops", POSITIVE_COUNT, "Threads that move bytes for the network connections",
                    c -> c.listener().eventLoops(),
                    (c, v) -> c.withListener(new Listener(c.listener().host(), c.listener().port(), v)))
                    .documentedDefault("number of CPU cores"),
            of("data", PATH, "Folder of the embedded store (users, tokens, service keys, audit log); created if missing",
                    VaktConfig::dataDir, VaktConfig::withDataDir)
                    .documentedDefault("`data` in the working directory"),
            of("project", PATH, "Project folder (areas, controllers, views); empty runs the embedded demo building",
                    VaktConfig::project, VaktConfig::withProject)
                    .nullable().documentedDefault("(embedded demo building)"),
            of("tokens.accessLifetime", POSITIVE_DURATION, "How long an access token is valid",
                    c -> c.tokens().accessLifetime(),
                    (c, v) -> c.withTokens(new Tokens(v, c.tokens().refreshLifetime()))),
            of("tokens.refreshLifetime", POSITIVE_DURATION, "How long a refresh token is valid (a login lasts this long)",
                    c -> c.tokens().refreshLifetime(),
                    (c, v) -> c.withTokens(new Tokens(c.tokens().accessLifetime(), v))),
            of("liveValues.maxUpdatesPerSecond", RATE,
                    "Most updates per second sent for one variable (the newest always arrives); 0 = unthrottled",
                    c -> c.liveValues().maxUpdatesPerSecond(),
                    (c, v) -> c.withLiveValues(new LiveValuesConfig(v, c.liveValues().linger(), c.liveValues().pollLease()))),
            of("liveValues.linger", DURATION, "How long a point stays advised after its last watcher left",
                    c -> c.liveValues().linger(),
                    (c, v) -> c.withLiveValues(new LiveValuesConfig(c.liveValues().maxUpdatesPerSecond(), v,
                            c.liveValues().pollLease()))),
            of("liveValues.pollLease", DURATION, "How long a data query keeps a variable advised for the next poll",
                    c -> c.liveValues().pollLease(),
                    (c, v) -> c.withLiveValues(new LiveValuesConfig(c.liveValues().maxUpdatesPerSecond(),
                            c.liveValues().linger(), v))),
            of("writes.readBackAttempts", COUNT, "Read-backs of a written value before the write counts as unconfirmed",
                    c -> c.writes().readBackAttempts(),
                    (c, v) -> c.withWrites(new WriteConfig(v, c.writes().readBackInterval(), c.writes().driverTimeout()))),
            of("writes.readBackInterval", DURATION, "Pause between read-back attempts",
                    c -> c.writes().readBackInterval(),
                    (c, v) -> c.withWrites(new WriteConfig(c.writes().readBackAttempts(), v, c.writes().driverTimeout()))),
            of("writes.driverTimeout", POSITIVE_DURATION, "Longest wait for a driver's write or read",
                    c -> c.writes().driverTimeout(),
                    (c, v) -> c.withWrites(new WriteConfig(c.writes().readBackAttempts(), c.writes().readBackInterval(), v))),
            of("graphql.maxQueryDepth", POSITIVE_COUNT, "Deepest GraphQL selection accepted",
                    c -> c.graphql().maxQueryDepth(),
                    (c, v) -> c.withGraphql(new GraphqlConfig(v, c.graphql().maxFieldsCount(), c.graphql().maxQueryLength(),
                            c.graphql().minPollingInterval()))),
            of("graphql.maxFieldsCount", POSITIVE_COUNT, "Most fields in one GraphQL operation after fragment expansion",
                    c -> c.graphql().maxFieldsCount(),
                    (c, v) -> c.withGraphql(new GraphqlConfig(c.graphql().maxQueryDepth(), v, c.graphql().maxQueryLength(),
                            c.graphql().minPollingInterval()))),
            of("graphql.maxQueryLength", POSITIVE_COUNT, "Longest GraphQL document accepted, in characters",
                    c -> c.graphql().maxQueryLength(),
                    (c, v) -> c.withGraphql(new GraphqlConfig(c.graphql().maxQueryDepth(), c.graphql().maxFieldsCount(), v,
                            c.graphql().minPollingInterval()))),
            of("graphql.minPollingInterval", POSITIVE_COUNT, "Seconds reported to clients as data { minPollingInterval }",
                    c -> c.graphql().minPollingInterval(),
                    (c, v) -> c.withGraphql(new GraphqlConfig(c.graphql().maxQueryDepth(), c.graphql().maxFieldsCount(),
                            c.graphql().maxQueryLength(), v))),
            of("graphqlWs.initTimeout", POSITIVE_DURATION, "How long a GraphQL WebSocket client has to send connection_init",
                    c -> c.graphqlWs().initTimeout(),
                    (c, v) -> c.withGraphqlWs(new WsConfig(v, c.graphqlWs().keepAliveInterval(), c.graphqlWs().maxOperations(),
                            c.graphqlWs().maxMessageBytes()))),
            of("graphqlWs.keepAliveInterval", POSITIVE_DURATION, "Legacy GraphQL WebSocket protocol: send ka this often",
                    c -> c.graphqlWs().keepAliveInterval(),
                    (c, v) -> c.withGraphqlWs(new WsConfig(c.graphqlWs().initTimeout(), v, c.graphqlWs().maxOperations(),
                            c.graphqlWs().maxMessageBytes()))),
            of("graphqlWs.maxOperations", POSITIVE_COUNT, "Active operations per GraphQL WebSocket connection",
                    c -> c.graphqlWs().maxOperations(),
                    (c, v) -> c.withGraphqlWs(new WsConfig(c.graphqlWs().initTimeout(), c.graphqlWs().keepAliveInterval(), v,
                            c.graphqlWs().maxMessageBytes()))),
            of("graphqlWs.maxMessageBytes", POSITIVE_COUNT, "Largest GraphQL WebSocket text message accepted, in bytes",
                    c -> c.graphqlWs().maxMessageBytes(),
                    (c, v) -> c.withGraphqlWs(new WsConfig(c.graphqlWs().initTimeout(), c.graphqlWs().keepAliveInterval(),
                            c.graphqlWs().maxOperations(), v))),
            of("webSocket.pingInterval", POSITIVE_DURATION, "WebSocket ping frames this often keep proxies from cutting idle sessions",
                    c -> c.webSocket().pingInterval(),
                    (c, v) -> c.withWebSocket(new WebSocket(v, c.webSocket().compression(),
                            c.webSocket().writeQueueHighWaterBytes()))),
            of("webSocket.compression", BOOLEAN, "permessage-deflate; off because it defeats shared-buffer fan-out",
                    c -> c.webSocket().compression(),
                    (c, v) -> c.withWebSocket(new WebSocket(c.webSocket().pingInterval(), v,
                            c.webSocket().writeQueueHighWaterBytes()))),
            of("webSocket.writeQueueHighWaterBytes", POSITIVE_COUNT,
                    "Bytes queued on a socket above which it is slow and its live values are conflated",
                    c -> c.webSocket().writeQueueHighWaterBytes(),
                    (c, v) -> c.withWebSocket(new WebSocket(c.webSocket().pingInterval(), c.webSocket().compression(), v))),
            of("wamp.realms", REALMS, "Realms WAMP sessions may join; a YAML list, or comma-separated",
                    c -> c.wamp().realms(), (c, v) -> c.withWamp(c.wamp().withRealms(v))),
            of("wamp.helloTimeout", POSITIVE_DURATION, "How long a WAMP client has to send HELLO (and AUTHENTICATE)",
                    c -> c.wamp().helloTimeout(), (c, v) -> c.withWamp(c.wamp().withHelloTimeout(v))),
            of("wamp.maxMessageSize", SIZE, "Largest WAMP message accepted; a larger one ends the session (close 1009)",
                    c -> c.wamp().maxMessageSize(), (c, v) -> c.withWamp(c.wamp().withMaxMessageSize(v))),
            of("wamp.maxPendingCallsPerSession", POSITIVE_COUNT,
                    "Calls one WAMP session may have waiting for results; more get vakt.error.limit_exceeded",
                    c -> c.wamp().maxPendingCallsPerSession(),
                    (c, v) -> c.withWamp(c.wamp().withMaxPendingCallsPerSession(v))),
            of("wamp.maxSubscriptionsPerSession", POSITIVE_COUNT,
                    "Subscriptions one WAMP session may hold; more get vakt.error.limit_exceeded",
                    c -> c.wamp().maxSubscriptionsPerSession(),
                    (c, v) -> c.withWamp(c.wamp().withMaxSubscriptionsPerSession(v))),
            of("wamp.maxRegistrationsPerSession", POSITIVE_COUNT,
                    "Procedures one WAMP session may register; more get vakt.error.limit_exceeded",
                    c -> c.wamp().maxRegistrationsPerSession(),
                    (c, v) -> c.withWamp(c.wamp().withMaxRegistrationsPerSession(v))),
            of("wamp.callTimeout", DURATION, "Timeout the router sets on WAMP calls that ask for none; 0 = none",
                    c -> c.wamp().callTimeout(), (c, v) -> c.withWamp(c.wamp().withCallTimeout(v))),
            of("wamp.maxQueuedEvents", COUNT,
                    "Events held for a WAMP session whose socket is full; further ones are dropped and counted",
                    c -> c.wamp().maxQueuedEvents(), (c, v) -> c.withWamp(c.wamp().withMaxQueuedEvents(v))),
            of("wamp.maxQueuedMessages", POSITIVE_COUNT,
                    "Results and other messages held for a WAMP session whose socket is full; one more closes it",
                    c -> c.wamp().maxQueuedMessages(), (c, v) -> c.withWamp(c.wamp().withMaxQueuedMessages(v))),
            of("wamp.permissions", PERMISSIONS,
                    "Who may call, register, publish and subscribe which URIs; first matching rule decides",
                    c -> c.wamp().permissions(), (c, v) -> c.withWamp(c.wamp().withPermissions(v)))
                    .documentedDefault("(the table under WAMP permissions)"),
            of("ssf.contexts", POSITIVE_COUNT,
                    "JavaScript contexts for ServerSideFunctions, each on its own thread: calls that can run at once",
                    c -> c.ssf().runtime().contexts(), (c, v) -> c.withSsf(c.ssf().withContexts(v))),
            of("ssf.maxConcurrentPerPath", POSITIVE_COUNT,
                    "Of those, how many one code block (path) may hold, so a slow one cannot starve the others",
                    c -> c.ssf().runtime().maxConcurrentPerPath(), (c, v) -> c.withSsf(c.ssf().withMaxConcurrentPerPath(v))),
            of("ssf.maxQueuedCalls", POSITIVE_COUNT,
                    "ServerSideFunction calls waiting for a context; more get vakt.error.limit_exceeded",
                    c -> c.ssf().runtime().maxQueuedCalls(), (c, v) -> c.withSsf(c.ssf().withMaxQueuedCalls(v))),
            of("ssf.cpuTimeLimit", POSITIVE_DURATION,
                    "CPU time one ServerSideFunction call may use; then it is stopped with vakt.error.limit_exceeded",
                    c -> c.ssf().runtime().cpuTimeLimit(), (c, v) -> c.withSsf(c.ssf().withCpuTimeLimit(v))),
            of("ssf.callTimeout", POSITIVE_DURATION,
                    "Wall-clock time one ServerSideFunction call may take, waiting on Promises included",
                    c -> c.ssf().runtime().callTimeout(), (c, v) -> c.withSsf(c.ssf().withCallTimeout(v))),
            of("ssf.maxAllocation", MEMORY,
                    "Memory one ServerSideFunction call may allocate before it is stopped (guards the heap)",
                    c -> c.ssf().runtime().allocationLimitBytes(), (c, v) -> c.withSsf(c.ssf().withMaxAllocation(v)))
                    .documentedDefault("1/8 of the JVM's maximum heap, 128MiB to 2GiB"),
            of("ssf.statementLimit", COUNT, "JavaScript statements one call may execute; 0 = no limit",
                    c -> (int) c.ssf().runtime().statementLimit(), (c, v) -> c.withSsf(c.ssf().withStatementLimit(v))),
            of("ssf.maxCodeSize", SIZE, "Largest ServerSideFunction code block accepted",
                    c -> c.ssf().runtime().maxCodeBytes(), (c, v) -> c.withSsf(c.ssf().withMaxCodeBytes(v))),
            of("ssf.maxConsoleLinesPerCall", COUNT,
                    "console.log lines one call may write to the server log; further lines are counted, not written",
                    c -> c.ssf().runtime().maxConsoleLinesPerCall(), (c, v) -> c.withSsf(c.ssf().withMaxConsoleLines(v))),
            of("ssf.fetch.allowedHosts", HOSTS,
                    "Hosts (or host:port) that fetch in ServerSideFunctions may reach; empty turns fetch off",
                    c -> c.ssf().runtime().fetch().allowedHosts(), (c, v) -> c.withSsf(c.ssf().withFetchHosts(v)))
                    .documentedDefault("(none: fetch is off)"),
            of("ssf.fetch.timeout", POSITIVE_DURATION, "Time one fetch request may take, connecting included",
                    c -> c.ssf().runtime().fetch().timeout(), (c, v) -> c.withSsf(c.ssf().withFetchTimeout(v))),
            of("ssf.fetch.maxResponseSize", SIZE, "Largest response body fetch accepts",
                    c -> c.ssf().runtime().fetch().maxResponseBytes(), (c, v) -> c.withSsf(c.ssf().withFetchMaxResponse(v))),
            of("ssf.reloadInterval", DURATION,
                    "How often the project folder is checked for changed .ssf.js files; 0 = never",
                    c -> c.ssf().reloadInterval(), (c, v) -> c.withSsf(c.ssf().withReloadInterval(v))),
            of("ssf.maxQueryRows", POSITIVE_COUNT, "Most rows one db.<table>.query returns",
                    c -> c.ssf().maxQueryRows(), (c, v) -> c.withSsf(c.ssf().withMaxQueryRows(v))),
            of("login.freeFailures", COUNT, "Failed logins per user or address before each further attempt is delayed",
                    c -> c.login().freeFailures(),
                    (c, v) -> c.withLogin(new Login(v, c.login().window(), c.login().maxDelay()))),
            of("login.window", POSITIVE_DURATION, "Period over which failed logins are counted",
                    c -> c.login().window(),
                    (c, v) -> c.withLogin(new Login(c.login().freeFailures(), v, c.login().maxDelay()))),
            of("login.maxDelay", DURATION, "Longest delay of a login attempt (each delay doubles the one before)",
                    c -> c.login().maxDelay(),
                    (c, v) -> c.withLogin(new Login(c.login().freeFailures(), c.login().window(), v))),
            of("tls.certificate", PATH, "PEM file with the certificate chain (server certificate first); turns HTTPS on",
                    c -> c.tls().certificate(), (c, v) -> c.withTls(c.tls().withCertificate(v)))
                    .nullable().documentedDefault("(none: plain HTTP)"),
            of("tls.key", PATH, "PEM file with the private key of tls.certificate",
                    c -> c.tls().key(), (c, v) -> c.withTls(c.tls().withKey(v)))
                    .nullable().documentedDefault("(none)"),
            of("tls.keyStore", PATH, "PKCS#12 file with key and chain; turns HTTPS on (instead of tls.certificate)",
                    c -> c.tls().keyStore(), (c, v) -> c.withTls(c.tls().withKeyStore(v)))
                    .nullable().documentedDefault("(none)"),
            of("tls.keyStorePassword", TEXT, "Password of tls.keyStore",
                    c -> c.tls().keyStorePassword(), (c, v) -> c.withTls(c.tls().withKeyStorePassword(v)))
                    .nullable().documentedDefault("(empty)"),
            of("tls.redirectPort", PORT, "Plain-HTTP port that redirects every request to HTTPS",
                    c -> c.tls().redirectPort(), (c, v) -> c.withTls(c.tls().withRedirectPort(v)))
                    .nullable().documentedDefault("(none)"),
            of("tls.hsts", DURATION, "Strict-Transport-Security max-age on HTTPS answers; 0 = no header",
                    c -> c.tls().hsts(), (c, v) -> c.withTls(c.tls().withHsts(v))),
            of("tls.hostName", TEXT, "The host name users type: checked against the certificate, used in redirects",
                    c -> c.tls().hostName(), (c, v) -> c.withTls(c.tls().withHostName(v)))
                    .nullable().documentedDefault("(the request's Host)"),
            of("tls.reloadInterval", DURATION, "How often the certificate files are checked and reloaded when changed; 0 = never",
                    c -> c.tls().reloadInterval(), (c, v) -> c.withTls(c.tls().withReloadInterval(v))),
            of("tls.expiryWarning", DURATION, "Warn at start-up and in sysinfo when the certificate expires within this time",
                    c -> c.tls().expiryWarning(), (c, v) -> c.withTls(c.tls().withExpiryWarning(v))),
            of("proxy.trusted", NETWORKS,
                    "Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-*/Forwarded headers are believed",
                    c -> c.proxy().trusted(), (c, v) -> c.withProxy(new VaktConfig.Proxy(v, c.proxy().allowedOrigins()))),
            of("webSocket.allowedOrigins", ORIGINS,
                    "Web origins besides the server's own whose pages may open the WebSocket endpoints",
                    c -> c.proxy().allowedOrigins(), (c, v) -> c.withProxy(new VaktConfig.Proxy(c.proxy().trusted(), v)))
                    .documentedDefault("(none: only the server's own origin)"),
            of("fallback.enabled", BOOLEAN,
                    "Serve GraphQL over Server-Sent Events and WAMP over HTTP long-poll for networks that block WebSockets",
                    c -> c.fallback().enabled(),
                    (c, v) -> c.withFallback(new VaktConfig.Fallback(v, c.fallback().longPollWait(), c.fallback().sessionTimeout()))),
            of("fallback.longPollWait", POSITIVE_DURATION,
                    "How long a WAMP long-poll receive waits for a message; keep it below proxy read timeouts",
                    c -> c.fallback().longPollWait(),
                    (c, v) -> c.withFallback(new VaktConfig.Fallback(c.fallback().enabled(), v, c.fallback().sessionTimeout()))),
            of("fallback.sessionTimeout", POSITIVE_DURATION,
                    "A fallback session without any request for this long is closed",
                    c -> c.fallback().sessionTimeout(),
                    (c, v) -> c.withFallback(new VaktConfig.Fallback(c.fallback().enabled(), c.fallback().longPollWait(), v))),
            of("metrics.scrapeToken", TEXT, "Bearer token that may read /arrigo/api/metrics besides Admin users",
                    c -> c.metrics().scrapeToken(),
                    (c, v) -> c.withMetrics(new Metrics(v)))
                    .nullable());

    /**
     * Short environment names the operator guide promises, each for one key. The full name
     * ({@code VAKT_SERVER_PORT}) wins when both are set.
     */
    public static final Map<String, String> ENV_ALIASES = aliases();

    private ConfigKeys() {}

    /** The key with this exact dotted name. */
    public static Optional<ConfigKey<?>> find(String name) {
        return ALL.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    /** Every dotted name, for "did you mean" hints. */
    public static List<String> names() {
        return ALL.stream().map(ConfigKey::name).toList();
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("VAKT_HOST", "server.host");
        aliases.put("VAKT_PORT", "server.port");
        return Collections.unmodifiableMap(aliases);
    }
}
