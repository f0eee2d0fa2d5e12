package io.vakt.it;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;
import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared pieces of the integration tests: demo-project facts, users, raw HTTP and JSON helpers. */
final class ItSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The demo's list {@code Landskrona/SystemAir.pvl.yaml}: node path Base64 of {@code Landskrona.SystemAir.File}. */
    static final String SYSTEM_AIR = b64("Landskrona.SystemAir.File");
    /** The demo's list of every AHU1 point, {@code Landskrona/Ventilation/AHU1.pvl.yaml}. */
    static final String AHU1_LIST = b64("Landskrona.Ventilation.AHU1.File");
    static final String WORKSHOP_SERVICE = b64("Workshop.Service.File");
    /** {@code SupplySetpoint} of SystemAir: {@code AHU1.GT11_SP}, writable, range 14–26, WriteAccess Operator. */
    static final String SETPOINT_ELEMENT = "Cwl.Advise.A[2]";
    static final String SETPOINT_ADDRESS = "AHU1.GT11_SP";
    static final String CLOCK_ADDRESS = "AHU1.QSystem.Sec";

    static final String DATA_SUBSCRIPTION =
            "subscription($p: String!) { data(path: $p) { value path technicalAddress type timeStamp } }";
    static final String SET_DATA =
            "mutation($n: String, $p: String, $v: String) { setData(nodePath: $n, path: $p, value: $v) }";
    static final List<String> UPDATE_TYPES =
            List.of("Response", "Update", "ErrorNotExist", "ErrorUnreachable", "Pending", "UnknownError");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ItSupport() {}

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes one Base64url segment of a JWT. */
    static JsonNode jwtPart(String jwt, int index) {
        String[] parts = jwt.split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[index]));
    }

    /**
     * An embedded server builder on a fresh data folder holding these users and {@code admin} with
     * {@link EmbeddedServer#ADMIN_PASSWORD} (the server creates its admin only in an empty store).
     */
    static EmbeddedServer.Builder withUsers(Path dataDir, Map<String, AccessLevel> users) {
        try (VaktStore store = VaktStore.open(dataDir, StoreOptions.defaults())) {
            store.users().create(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD.toCharArray(), AccessLevel.Admin);
            users.forEach((name, level) -> store.users().create(name, password(name).toCharArray(), level));
        }
        return EmbeddedServer.builder().dataDir(dataDir);
    }

    /** The password {@link #withUsers} gives a user. */
    static String password(String username) { return username + "-password-for-tests"; }

    /**
     * Copies the embedded demo project (from the core jar or classes folder) to {@code target}, so a test can
     * run it with extra files.
     */
    static Path copyDemoProject(Path target) {
        URL marker = ItSupport.class.getClassLoader().getResource("vakt-demo/project.yaml");
        if (marker == null) throw new IllegalStateException("vakt-demo/project.yaml is not on the class path");
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.getPath("/vakt-demo"), target);
                }
            } else {
                copyTree(Path.of(uri).getParent(), target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(source)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path to = target.resolve(source.relativize(path).toString());
            if (Files.isDirectory(path)) Files.createDirectories(to);
            else Files.copy(path, to);
        }
    }

    /** A raw HTTP/1.1 request with any headers (name, value pairs); no header is added. */
    static HttpResponse<String> http(String method, String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
        return map;
    }

    /** setData over HTTP; the whole GraphQL result. */
    static JsonNode setData(ApiClient api, String token, String nodePath, String element, String value) {
        return api.graphql(token, SET_DATA, vars("n", nodePath, "p", element, "v", value));
    }

    /** The names (technical) of the folders directly below the root that this token's user sees. */
    static List<String> topLevelFolders(ApiClient api, String token) {
        JsonNode result = api.graphql(token, "{ folder { id name folders { items { id name } } } }", Map.of());
        List<String> names = new ArrayList<>();
        for (JsonNode item : result.path("data").path("folder").path("folders").path("items")) {
            names.add(item.path("name").stringValue());
        }
        return names;
    }

    /** {@code data(path){variables}} by element path: the current value of each bound element (polling API). */
    static Map<String, JsonNode> polledVariables(ApiClient api, String token, String nodePath) {
        JsonNode result = api.graphql(token, "query($p: String!) { data(path: $p) { variables { value path type } } }",
                vars("p", nodePath));
        Map<String, JsonNode> byPath = new LinkedHashMap<>();
        for (JsonNode variable : result.path("data").path("data").path("variables")) {
            byPath.put(variable.path("path").stringValue(), variable);
        }
        return byPath;
    }
}
