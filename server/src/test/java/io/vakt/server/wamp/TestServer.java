package io.vakt.server.wamp;

import io.vakt.server.VaktServer;
import io.vakt.server.config.VaktConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real server for the WAMP tests (the testkit's EmbeddedServer depends on this module, so it cannot be used
 * here): loopback, port 0, the demo building, a temporary data folder deleted on close.
 */
final class TestServer implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-secret-for-wamp-tests";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final VaktServer server;
    final Path dataDir;
    private final boolean ownsDataDir;

    private TestServer(VaktServer server, Path dataDir, boolean ownsDataDir) {
        this.server = server;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    static TestServer start() { return start(config -> config); }

    static TestServer start(UnaryOperator<VaktConfig> change) {
        try {
            return start(Files.createTempDirectory("vakt-wamp-test-"), true, change);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A server on {@code dataDir}, which is kept on close. */
    static TestServer startOn(Path dataDir, UnaryOperator<VaktConfig> change) {
        return start(dataDir, false, change);
    }

    private static TestServer start(Path dataDir, boolean owns, UnaryOperator<VaktConfig> change) {
        VaktConfig config = change.apply(VaktConfig.defaults().withListener(new VaktConfig.Listener("127.0.0.1", 0, 2)))
                .withDataDir(dataDir);
        return new TestServer(VaktServer.start(config, Map.of("VAKT_ADMIN_PASSWORD", ADMIN_PASSWORD)), dataDir, owns);
    }

    String apiUrl() { return "http://127.0.0.1:" + server.port() + "/arrigo/api"; }

    String wampUrl() { return "ws://127.0.0.1:" + server.port() + "/arrigo/api/wamp"; }

    int port() { return server.port(); }

    /** An access token of the admin user. */
    String adminToken() {
        HttpResponse<String> response = post("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        if (response.statusCode() != 200) throw new AssertionError("login failed: " + response.body());
        return JSON.readTree(response.body()).get("authToken").asString();
    }

    HttpResponse<String> post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl() + path)).GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        return send(request.build());
    }

    static JsonNode json(String text) { return JSON.readTree(text); }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.close();
        if (ownsDataDir) deleteTree(dataDir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind does no harm
        }
    }
}
