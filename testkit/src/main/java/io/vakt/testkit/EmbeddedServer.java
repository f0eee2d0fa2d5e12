package io.vakt.testkit;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.live.LiveValuesConfig;
import io.vakt.server.VaktServer;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.config.WampSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Vakt server for tests: loopback only, port 0 by default, a fresh data folder that is deleted on
 * close, and a known admin password.
 */
public final class EmbeddedServer implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret-for-tests";

    private final VaktServer server;
    private final Path dataDir;
    private final boolean ownsDataDir;

    private EmbeddedServer(VaktServer server, Path dataDir, boolean ownsDataDir) {
        this.server = server;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    public static Builder builder() { return new Builder(); }

    /** A server on the embedded demo building with default settings. */
    public static EmbeddedServer start() { return builder().start(); }

    public int port() { return server.port(); }

    /** True when the server was configured with {@code tls.*} and serves HTTPS (then the URLs are https:// and wss://). */
    public boolean https() { return server.tls().isPresent(); }

    public String baseUrl() { return (https() ? "https" : "http") + "://127.0.0.1:" + port(); }

    public String apiUrl() { return baseUrl() + "/arrigo/api"; }

    public String graphqlWsUrl() { return (https() ? "wss" : "ws") + "://127.0.0.1:" + port() + "/arrigo/api/graphql/ws"; }

    /** The WAMP router's endpoint (spec §7); realm {@code realm1} unless configured otherwise. */
    public String wampUrl() { return (https() ? "wss" : "ws") + "://127.0.0.1:" + port() + "/arrigo/api/wamp"; }

    /**
     * Creates a service key with level Service and returns it; a WAMP session can use it at once (the server
     * reloads its snapshot before this returns).
     */
    public String createServiceKey(String name) { return createServiceKey(name, AccessLevel.Service); }

    public String createServiceKey(String name, AccessLevel level) { return server.createServiceKey(name, level); }

    public Path dataDir() { return dataDir; }

    public VaktServer server() { return server; }

    /** An HTTP client for this server's API. */
    public ApiClient api() { return new ApiClient(apiUrl()); }

    @Override
    public void close() {
        server.close();
        if (ownsDataDir) deleteTree(dataDir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: a temp folder left behind does no harm
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    /** Settings of an embedded server; everything has a test-friendly default. */
    public static final class Builder {
        private VaktConfig config = VaktConfig.defaults()
                .withListener(new VaktConfig.Listener("127.0.0.1", 0, 2));
        private Path dataDir;
        private final Map<String, String> environment = new HashMap<>(Map.of("VAKT_ADMIN_PASSWORD", ADMIN_PASSWORD));

        /** Keeps data in this folder (not deleted on close), e.g. to restart a server on the same data. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder port(int port) {
            VaktConfig.Listener listener = config.listener();
            config = config.withListener(new VaktConfig.Listener(listener.host(), port, listener.eventLoops()));
            return this;
        }

        public Builder eventLoops(int eventLoops) {
            VaktConfig.Listener listener = config.listener();
            config = config.withListener(new VaktConfig.Listener(listener.host(), listener.port(), eventLoops));
            return this;
        }

        public Builder project(Path project) {
            config = config.withProject(project);
            return this;
        }

        public Builder accessTokenLifetime(Duration lifetime) {
            config = config.withTokens(new VaktConfig.Tokens(lifetime, config.tokens().refreshLifetime()));
            return this;
        }

        public Builder maxUpdatesPerSecond(double rate) {
            LiveValuesConfig live = config.liveValues();
            config = config.withLiveValues(new LiveValuesConfig(rate, live.linger(), live.pollLease()));
            return this;
        }

        /** Every simulator controller ticks this often (the demo's default is 1 s). */
        public Builder simulatorInterval(Duration interval) {
            return driverSetting("simulator", "interval", interval.toMillis() + "ms");
        }

        public Builder driverSetting(String driver, String key, String value) {
            Map<String, Map<String, String>> overrides = new HashMap<>();
            config.driverOverrides().forEach((name, settings) -> overrides.put(name, new HashMap<>(settings)));
            overrides.computeIfAbsent(driver, name -> new HashMap<>()).put(key, value);
            config = config.withDriverOverrides(overrides);
            return this;
        }

        /** WebSocket ping frames this often, on both endpoints (the default is 25 s). */
        public Builder pingInterval(Duration interval) {
            VaktConfig.WebSocket webSocket = config.webSocket();
            config = config.withWebSocket(new VaktConfig.WebSocket(interval, webSocket.compression(),
                    webSocket.writeQueueHighWaterBytes()));
            return this;
        }

        /** Changes the {@code wamp.*} settings, e.g. {@code .wamp(w -> w.withCallTimeout(Duration.ofSeconds(1)))}. */
        public Builder wamp(UnaryOperator<WampSettings> change) {
            config = config.withWamp(change.apply(config.wamp()));
            return this;
        }

        public Builder configure(UnaryOperator<VaktConfig> change) {
            config = change.apply(config);
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public EmbeddedServer start() {
            boolean owns = dataDir == null;
            Path data;
            try {
                data = owns ? Files.createTempDirectory("vakt-test-") : dataDir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            VaktServer server = VaktServer.start(config.withDataDir(data), Map.copyOf(environment));
            return new EmbeddedServer(server, data, owns);
        }
    }
}
