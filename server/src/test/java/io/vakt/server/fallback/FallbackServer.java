package io.vakt.server.fallback;

import io.vakt.server.VaktServer;
import io.vakt.server.config.VaktConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/** A real server on loopback port 0 with the demo building, for the fallback transport tests. */
final class FallbackServer implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-secret-for-fallback-tests";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final VaktServer server;
    private final Path dataDir;

    private FallbackServer(VaktServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static FallbackServer start(UnaryOperator<VaktConfig> change) {
        try {
            Path dataDir = Files.createTempDirectory("vakt-fallback-test-");
            VaktConfig config = change.apply(VaktConfig.defaults().withListener(new VaktConfig.Listener("127.0.0.1", 0, 2)))
                    .withDataDir(dataDir);
            return new FallbackServer(VaktServer.start(config, Map.of("VAKT_ADMIN_PASSWORD", ADMIN_PASSWORD)), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FallbackServer start() { return start(config -> config); }

    String url(String path) { return "http://127.0.0.1:" + server.port() + "/arrigo/api" + path; }

    String adminToken() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build());
        if (response.statusCode() != 200) throw new AssertionError("login failed: " + response.body());
        return JSON.readTree(response.body()).get("authToken").asString();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String text) { return JSON.readTree(text); }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind does no harm
        }
    }
}
