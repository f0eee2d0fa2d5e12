package io.vakt.it;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.write.AuditEntry;
import io.vakt.server.config.VaktConfig;
import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;
import io.vakt.testkit.ApiClient;
import io.vakt.testkit.ApiClient.Response;
import io.vakt.testkit.ApiClient.Tokens;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.vakt.it.ItSupport.AHU1_LIST;
import static io.vakt.it.ItSupport.DATA_SUBSCRIPTION;
import static io.vakt.it.ItSupport.SETPOINT_ADDRESS;
import static io.vakt.it.ItSupport.SETPOINT_ELEMENT;
import static io.vakt.it.ItSupport.SYSTEM_AIR;
import static io.vakt.it.ItSupport.WORKSHOP_SERVICE;
import static io.vakt.it.ItSupport.b64;
import static io.vakt.it.ItSupport.jwtPart;
import static io.vakt.it.ItSupport.password;
import static io.vakt.it.ItSupport.vars;
import static io.vakt.it.NodeClients.text;
import static io.vakt.it.RawWebSocket.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP API against a real server (spec §2, checklist 1–18), the update throttle (37) and access control on
 * live values and writes (32, 38), with the audit log behind writes.
 *
 * <p>The shared server runs a copy of the demo project with one extra list, {@code Landskrona/Restricted}, whose
 * entries need Operator and Service to read: the demo itself has no entry with ReadAccess above Guest. It has
 * the users {@code guest} (Guest) and {@code operator} (Operator; the demo's Workshop grants that name Operator),
 * a metrics scrape token, and no login throttling (several tests log in with wrong passwords on purpose).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpConformanceIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";
    private static final String RESTRICTED = b64("Landskrona.Restricted.File");
    private static final String RESTRICTED_LIST = """
            Title: "Restricted"
            Description: "Integration tests: entries above Guest"
            Comment: ""
            Variables:
              - Name: Clock
                Title: "Clock, readable by everyone"
                Variable: "*AHU1.QSystem.Sec"
              - Name: OperatorOnly
                Title: "Readable from Operator"
                Variable: "*AHU1.GT11"
                ReadAccess: Operator
              - Name: ServiceOnly
                Title: "Readable from Service"
                Variable: "*AHU1.GT21"
                ReadAccess: Service
                WriteAccess: Service
            """;
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Path tempDir;
    private EmbeddedServer server;
    private ApiClient api;
    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();

    @BeforeAll
    void startServer() throws IOException {
        tempDir = Files.createTempDirectory("vakt-it-http-");
        Path project = ItSupport.copyDemoProject(tempDir.resolve("project"));
        Files.writeString(project.resolve("areas/Landskrona/Restricted.pvl.yaml"), RESTRICTED_LIST);
        server = ItSupport.withUsers(tempDir.resolve("data"), Map.of("guest", AccessLevel.Guest, "operator", AccessLevel.Operator))
                .project(project)
                .driverSetting("simulator", "unreachableChance", "0")
                .configure(config -> config
                        .withLogin(new VaktConfig.Login(1000, Duration.ofMinutes(15), Duration.ofSeconds(30)))
                        .withMetrics(new VaktConfig.Metrics(SCRAPE_TOKEN)))
                .start();
        api = server.api();
    }

    @AfterEach
    void closeTestResources() throws Exception {
        for (AutoCloseable resource : closeAfterTest.reversed()) resource.close();
        closeAfterTest.clear();
    }

    @AfterAll
    void stopServer() throws IOException {
        if (server != null) server.close();
        if (tempDir != null) {
            try (Stream<Path> paths = Files.walk(tempDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
            }
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closeAfterTest.add(resource);
        return resource;
    }

    private Tokens login(String user) {
        return api.login(user, "admin".equals(user) ? EmbeddedServer.ADMIN_PASSWORD : password(user));
    }

    private static Map<String, Object> credentials(String user, String password) {
        return vars("username", user, "password", password);
    }

    private static String json(Object body) { return ItSupport.JSON.writeValueAsString(body); }

    private Response graphqlStatus(String token) {
        return api.post("/graphql", vars("query", "{ folder { id } }"), token);
    }

    // ---- 1–5: login ----

    /** 1 (and spec §2.1 for every POST): no content type, or another one, is 415. */
    @Test
    void postsWithoutJsonContentTypeAre415() {
        String body = json(credentials("admin", EmbeddedServer.ADMIN_PASSWORD));
        assertThat(api.send("/login", "POST", null, body, null).status()).as("no Content-Type").isEqualTo(415);
        assertThat(api.send("/login", "POST", "text/plain", body, null).status()).as("text/plain").isEqualTo(415);
        assertThat(api.send("/login", "POST", "application/x-www-form-urlencoded", "username=admin&password=x", null).status())
                .as("form").isEqualTo(415);
        assertThat(api.send("/login", "POST", "application/json; charset=utf-8", body, null).status())
                .as("application/json with charset").isEqualTo(200);
        String token = login("admin").authToken();
        assertThat(api.send("/graphql", "POST", "text/plain", json(vars("query", "{ folder { id } }")), token).status())
                .as("graphql with text/plain").isEqualTo(415);
        assertThat(api.send("/login/verify", "POST", null, json(vars("authToken", token)), null).status())
                .as("verify without Content-Type").isEqualTo(415);
    }

    /** 2, 3: 200 with authToken, expires_in 600, refreshToken; the AT is an HS256 JWT with sub, jti, nbf, iat, exp. */
    @Test
    void loginAnswersBothTokensAndAnHs256Jwt() {
        Response response = api.post("/login", credentials("admin", EmbeddedServer.ADMIN_PASSWORD), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.propertyNames()).contains("authToken", "expires_in", "refreshToken");
        assertThat(body.get("expires_in").isNumber()).as("expires_in is a number: %s", body).isTrue();
        assertThat(body.get("expires_in").asInt()).isEqualTo(600);
        assertThat(text(body.get("refreshToken"))).as("refresh token is a UUID string").matches(UUID_TEXT);

        String jwt = text(body.get("authToken"));
        assertThat(jwt.split("\\.")).hasSize(3);
        assertThat(text(jwtPart(jwt, 0).get("alg"))).isEqualTo("HS256");
        JsonNode claims = jwtPart(jwt, 1);
        assertThat(claims.propertyNames()).contains("sub", "jti", "nbf", "iat", "exp");
        assertThat(text(claims.get("sub"))).isEqualTo("admin");
        assertThat(text(claims.get("jti"))).isNotBlank();
        for (String time : List.of("nbf", "iat", "exp")) assertThat(claims.get(time).isNumber()).as(time).isTrue();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).as("exp - iat").isEqualTo(600);
        assertThat(Math.abs(claims.get("iat").asLong() - Instant.now().getEpochSecond())).as("iat is now").isLessThan(30);
    }

    /** 4: wrong password 401; JSON without username or password, or not JSON, 400. */
    @Test
    void loginRefusesWrongPasswordsAndMissingFields() {
        assertThat(api.post("/login", credentials("admin", "wrong"), null).status()).as("wrong password").isEqualTo(401);
        assertThat(api.post("/login", credentials("nobody", "wrong"), null).status()).as("unknown user").isEqualTo(401);
        assertThat(api.post("/login", vars("username", "admin"), null).status()).as("no password").isEqualTo(400);
        assertThat(api.post("/login", vars("password", EmbeddedServer.ADMIN_PASSWORD), null).status()).as("no username").isEqualTo(400);
        assertThat(api.send("/login", "POST", "application/json", "{\"username\": ", null).status()).as("broken JSON").isEqualTo(400);
        assertThat(api.send("/login", "POST", "application/json", "[]", null).status()).as("an array").isEqualTo(400);
    }

    /** 5: unknown fields (account, frontend UI state) are ignored. */
    @Test
    void loginIgnoresUnknownFields() {
        Map<String, Object> body = new LinkedHashMap<>(credentials("admin", EmbeddedServer.ADMIN_PASSWORD));
        body.put("account", "");
        body.put("remember", true);
        body.put("newPassword", "");
        body.put("currentPhase", "login");
        Response response = api.post("/login", body, null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(text(response.json().get("authToken"))).isNotBlank();
    }

    /** 14: /Arrigo/api/login behaves exactly like /arrigo/api/login. */
    @Test
    void mixedCaseBasePathBehavesTheSame() {
        ApiClient upper = new ApiClient(server.baseUrl() + "/Arrigo/api");
        Response ok = upper.post("/login", credentials("admin", EmbeddedServer.ADMIN_PASSWORD), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("expires_in").asInt()).isEqualTo(600);
        assertThat(api.post("/graphql", vars("query", "{ folder { id } }"), text(ok.json().get("authToken"))).status()).isEqualTo(200);
        assertThat(upper.post("/login", credentials("admin", "wrong"), null).status()).isEqualTo(401);
        assertThat(upper.post("/login", vars("username", "admin"), null).status()).isEqualTo(400);
        assertThat(upper.send("/login", "POST", null, json(credentials("admin", "x")), null).status()).isEqualTo(415);

        // spec §2.1: every path under the base matches case-insensitively, the WebSocket endpoint included
        String token = text(ok.json().get("authToken"));
        assertThat(upper.post("/GraphQL", vars("query", "{ folder { id } }"), token).status()).as("/Arrigo/api/GraphQL").isEqualTo(200);
        RawWebSocket socket = closing(RawWebSocket.connect(server.graphqlWsUrl().replace("/arrigo/api/", "/Arrigo/api/"), "graphql-ws"));
        assertThat(socket.subprotocol()).isEqualTo("graphql-ws");
        socket.sendJson(vars("type", "connection_init", "payload", vars("Authorization", "Bearer " + token)));
        socket.awaitType("connection_ack", WAIT);
    }

    // ---- 6–11: refresh, verify, logout ----

    /** 6, 7: refresh rotates both tokens; the previous refresh token is then refused. */
    @Test
    void refreshRotatesBothTokensAndRefusesThePreviousRefreshToken() {
        Tokens first = login("admin");
        Response refreshed = api.post("/login/refresh", vars("refreshToken", first.refreshToken()), first.authToken());
        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode body = refreshed.json();
        assertThat(body.get("expires_in").asInt()).isEqualTo(600);
        assertThat(text(body.get("authToken"))).isNotEqualTo(first.authToken());
        assertThat(text(body.get("refreshToken"))).matches(UUID_TEXT).isNotEqualTo(first.refreshToken());
        assertThat(graphqlStatus(text(body.get("authToken"))).status()).isEqualTo(200);

        assertThat(api.post("/login/refresh", vars("refreshToken", first.refreshToken()), first.authToken()).status())
                .as("previous refresh token").isEqualTo(401);
    }

    /** 6, 9, 13: with a 2 s lifetime the expired AT gives 401 + token-expired, verify 400, and still refreshes. */
    @Test
    void expiredAccessTokenIsFlaggedAndStillRefreshes() {
        try (EmbeddedServer shortLived = EmbeddedServer.builder().accessTokenLifetime(Duration.ofSeconds(2)).start()) {
            ApiClient client = shortLived.api();
            Tokens tokens = client.login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
            assertThat(tokens.expiresIn()).isEqualTo(2);
            AtomicLong status = new AtomicLong();
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).until(() -> {
                status.set(client.post("/graphql", vars("query", "{ folder { id } }"), tokens.authToken()).status());
                return status.get() == 401;
            });
            Response expired = client.post("/graphql", vars("query", "{ folder { id } }"), tokens.authToken());
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.header("token-expired")).as("13: token-expired header").isEqualTo("true");
            assertThat(client.post("/login/verify", vars("authToken", tokens.authToken()), null).status())
                    .as("9: verify of an expired AT").isEqualTo(400);
            Response sysinfo = client.get("/sysinfo", tokens.authToken());
            assertThat(sysinfo.status()).as("13: sysinfo with an expired AT").isEqualTo(401);
            assertThat(sysinfo.header("token-expired")).isEqualTo("true");

            Response refreshed = client.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), tokens.authToken());
            assertThat(refreshed.status()).as("6: refresh with an expired AT: %s", refreshed.body()).isEqualTo(200);
            String newAt = text(refreshed.json().get("authToken"));
            assertThat(newAt).isNotEqualTo(tokens.authToken());
            assertThat(text(refreshed.json().get("refreshToken"))).isNotEqualTo(tokens.refreshToken());
            assertThat(client.post("/graphql", vars("query", "{ folder { id } }"), newAt).status()).isEqualTo(200);
            assertThat(client.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), tokens.authToken()).status())
                    .as("7: the previous RT").isEqualTo(401);

            // a token of another server (another secret) is foreign here
            assertThat(api.post("/login/verify", vars("authToken", newAt), null).status()).as("9: foreign AT").isEqualTo(400);
        }
    }

    /** 8: unknown RT or forged AT → 401; malformed body → 400. */
    @Test
    void refreshRefusesUnknownTokensAndMalformedBodies() {
        Tokens tokens = login("admin");
        assertThat(api.post("/login/refresh", vars("refreshToken", UUID.randomUUID().toString()), tokens.authToken()).status())
                .as("unknown RT").isEqualTo(401);
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), forged(tokens.authToken())).status())
                .as("forged AT").isEqualTo(401);
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), foreignToken("admin")).status())
                .as("AT signed by someone else").isEqualTo(401);
        assertThat(api.send("/login/refresh", "POST", "application/json", "{\"refreshToken\":", tokens.authToken()).status())
                .as("broken JSON").isEqualTo(400);
        assertThat(api.post("/login/refresh", vars("token", tokens.refreshToken()), tokens.authToken()).status())
                .as("no refreshToken field").isEqualTo(400);
        // spec §2.2: the AT in Authorization must be the one issued with the RT
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), null).status())
                .as("no Authorization").isEqualTo(401);
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), login("admin").authToken()).status())
                .as("the AT of another login").isEqualTo(401);
        // the genuine pair still works after all that
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), tokens.authToken()).status()).isEqualTo(200);
    }

    /** 9: verify 204 for a valid AT of this server; 400 for forged or foreign ones (expired: see above). */
    @Test
    void verifyAcceptsOnlyValidTokensOfThisServer() {
        String token = login("admin").authToken();
        assertThat(api.post("/login/verify", vars("authToken", token), null).status()).isEqualTo(204);
        assertThat(api.post("/login/verify", vars("authToken", forged(token)), null).status()).as("forged").isEqualTo(400);
        assertThat(api.post("/login/verify", vars("authToken", foreignToken("admin")), null).status()).as("foreign").isEqualTo(400);
        assertThat(api.post("/login/verify", vars("authToken", "garbage"), null).status()).as("garbage").isEqualTo(400);
        assertThat(api.post("/login/verify", vars("something", token), null).status()).as("no authToken").isEqualTo(400);
    }

    /** 10: logout with the RT in the body → 204; that RT refreshes no more; the AT keeps working. */
    @Test
    void logoutWithRefreshTokenRevokesItButNotTheAccessToken() {
        Tokens tokens = login("admin");
        assertThat(api.post("/logout", vars("refreshToken", tokens.refreshToken()), null).status()).isEqualTo(204);
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), tokens.authToken()).status())
                .as("refresh after logout").isEqualTo(401);
        assertThat(graphqlStatus(tokens.authToken()).status()).as("the AT until it expires").isEqualTo(200);
    }

    /** 10 (AT form): logout with only the AT header and an empty body → 204, and the RT issued with it is revoked. */
    @Test
    void logoutWithAccessTokenRevokesItsRefreshToken() {
        Tokens tokens = login("admin");
        assertThat(api.send("/logout", "POST", null, null, tokens.authToken()).status()).isEqualTo(204);
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), tokens.authToken()).status()).isEqualTo(401);
        assertThat(graphqlStatus(tokens.authToken()).status()).isEqualTo(200);
    }

    /** 11: invalid AT in the header → 401; no AT and an unknown RT → 400. */
    @Test
    void logoutRefusesInvalidTokens() {
        assertThat(api.send("/logout", "POST", null, null, "not-a-token").status()).as("invalid AT").isEqualTo(401);
        assertThat(api.post("/logout", vars("refreshToken", UUID.randomUUID().toString()), null).status()).as("unknown RT").isEqualTo(400);
        assertThat(api.send("/logout", "POST", null, null, null).status()).as("neither AT nor RT").isEqualTo(400);

        // spec §2.2: with both present the AT wins
        Tokens tokens = login("admin");
        assertThat(api.post("/logout", vars("refreshToken", tokens.refreshToken()), "not-a-token").status())
                .as("invalid AT with a valid RT").isEqualTo(401);
        assertThat(api.post("/login/refresh", vars("refreshToken", tokens.refreshToken()), tokens.authToken()).status())
                .as("the RT survived the refused logout").isEqualTo(200);
        Tokens other = login("admin");
        assertThat(api.post("/logout", vars("refreshToken", UUID.randomUUID().toString()), other.authToken()).status())
                .as("valid AT with an unknown RT").isEqualTo(204);
    }

    // ---- 12, 13, 18: bearer tokens on authorized endpoints ----

    /** 12: GraphQL without Authorization, with another scheme, or with an invalid token → 401. */
    @Test
    void graphqlRequiresAValidBearerToken() {
        String body = json(vars("query", "{ folder { id } }"));
        String url = server.apiUrl() + "/graphql";
        String token = login("admin").authToken();
        assertThat(ItSupport.http("POST", url, body, "Content-Type", "application/json").statusCode()).as("none").isEqualTo(401);
        String basic = Base64.getEncoder().encodeToString(("admin:" + EmbeddedServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(ItSupport.http("POST", url, body, "Content-Type", "application/json", "Authorization", "Basic " + basic).statusCode())
                .as("Basic").isEqualTo(401);
        assertThat(ItSupport.http("POST", url, body, "Content-Type", "application/json", "Authorization", "Token " + token).statusCode())
                .as("another scheme").isEqualTo(401);
        assertThat(ItSupport.http("POST", url, body, "Content-Type", "application/json", "Authorization", "Bearer " + forged(token)).statusCode())
                .as("forged").isEqualTo(401);
        assertThat(ItSupport.http("POST", url, body, "Content-Type", "application/json", "Authorization", "Bearer garbage").statusCode())
                .as("garbage").isEqualTo(401);
        assertThat(ItSupport.http("POST", url, body, "Content-Type", "application/json", "Authorization", "Bearer " + token).statusCode())
                .as("the real token").isEqualTo(200);
    }

    /** 18, 13: with a 5 s lifetime, expires_in is 5 and the AT is refused (401, token-expired) from its exp on. */
    @Test
    void accessTokenLifetimeOfFiveSeconds() {
        try (EmbeddedServer fiveSeconds = EmbeddedServer.builder().accessTokenLifetime(Duration.ofSeconds(5)).start()) {
            ApiClient client = fiveSeconds.api();
            Tokens tokens = client.login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
            assertThat(tokens.expiresIn()).isEqualTo(5);
            JsonNode claims = jwtPart(tokens.authToken(), 1);
            long exp = claims.get("exp").asLong();
            assertThat(exp - claims.get("iat").asLong()).isEqualTo(5);
            assertThat(client.post("/graphql", vars("query", "{ folder { id } }"), tokens.authToken()).status()).isEqualTo(200);

            AtomicLong refusedAt = new AtomicLong();
            await().atMost(Duration.ofSeconds(9)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Response response = client.post("/graphql", vars("query", "{ folder { id } }"), tokens.authToken());
                if (response.status() == 200) return false;
                refusedAt.set(System.currentTimeMillis());
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.header("token-expired")).isEqualTo("true");
                return true;
            });
            assertThat(refusedAt.get()).as("refused from exp (%s) on, not before", Instant.ofEpochSecond(exp))
                    .isGreaterThanOrEqualTo(exp * 1000 - 250).isLessThan(exp * 1000 + 2000);
        }
    }

    // ---- 15–17: operational endpoints ----

    /** The explorer page: /arrigo/api redirects to /arrigo/api/, which serves the page (not another redirect). */
    @Test
    void explorerPageIsServedAtTheApiRootWithoutARedirectLoop() {
        Response page = api.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        Response bare = new ApiClient(server.baseUrl() + "/arrigo").get("/api", null);
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).isEqualTo("/arrigo/api/");
        assertThat(api.get("/explorer.js", null).header("Content-Type")).startsWith("text/javascript");
    }

    /** The web runtime: / and /arrigo lead to /arrigo/, which serves its page; the API keeps its own 404s. */
    @Test
    void webRuntimeIsServedAtArrigoWithItsOwnContentSecurityPolicy() {
        ApiClient site = new ApiClient(server.baseUrl());
        for (String path : List.of("/", "/arrigo", "/Arrigo/", "/ARRIGO")) {
            Response redirect = site.get(path, null);
            assertThat(redirect.status()).as(path).isEqualTo(302);
            assertThat(redirect.header("Location")).as(path).isEqualTo("/arrigo/");
        }
        Response page = site.get("/arrigo/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(site.get("/arrigo/js/main.js", null).header("Content-Type")).startsWith("text/javascript");
        assertThat(site.get("/arrigo/no-such-file.js", null).status()).isEqualTo(404);
        Response apiMiss = api.get("/no-such-endpoint", null);
        assertThat(apiMiss.status()).isEqualTo(404);
        assertThat(apiMiss.body()).contains("No API endpoint");
    }

    /** 15: health answers without any token. */
    @Test
    void healthNeedsNoToken() {
        Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    /** 16: metrics in Prometheus text for Admin or the scrape token; 401 without a token; 403 below Admin. */
    @Test
    void metricsForAdminsAndTheScrapeTokenOnly() {
        Response metrics = api.get("/metrics", login("admin").authToken());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("content-type")).startsWith("text/plain");
        for (String name : List.of("vakt_connections", "vakt_updates_in_total", "vakt_updates_out_total",
                "vakt_updates_coalesced_total", "vakt_writes_total")) {
            assertThat(Pattern.compile("(?m)^# TYPE " + name.replaceFirst("_total$", "") + "(_total)? \\w+$").matcher(metrics.body()).find())
                    .as("# TYPE line of %s", name).isTrue();
            assertThat(Pattern.compile("(?m)^" + name + "(\\{[^}]*})? [-+0-9.eE]+$").matcher(metrics.body()).find())
                    .as("a sample of %s in\n%s", name, metrics.body()).isTrue();
        }
        assertThat(api.get("/metrics", SCRAPE_TOKEN).status()).as("scrape token").isEqualTo(200);
        assertThat(api.get("/metrics", null).status()).as("no token").isEqualTo(401);
        assertThat(api.get("/metrics", "garbage").status()).as("invalid token").isEqualTo(401);
        assertThat(api.get("/metrics", login("operator").authToken()).status()).as("Operator").isEqualTo(403);
        assertThat(api.get("/metrics", login("guest").authToken()).status()).as("Guest").isEqualTo(403);
    }

    /** 17 (§15 item 1: any valid AT): sysinfo is JSON with component versions and the uptime. */
    @Test
    void sysinfoHasVersionsAndUptime() {
        Response info = api.get("/sysinfo", login("guest").authToken());
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json()).as("JSON body: %s", info.body()).isNotNull();
        assertThat(text(info.json().get("version"))).isNotBlank();
        JsonNode components = info.json().path("components");
        assertThat(components.isObject() || components.isArray()).as("components: %s", info.body()).isTrue();
        assertThat(components.size()).isPositive();
        assertThat(info.json().path("uptimeSeconds").isNumber()).as("uptimeSeconds: %s", info.body()).isTrue();
        assertThat(info.json().path("uptimeSeconds").asLong()).isNotNegative();
        assertThat(api.get("/sysinfo", null).status()).as("without a token").isEqualTo(401);
    }

    // ---- 37: throttle ----

    /**
     * 37: the simulator ticks every 100 ms, so {@code AHU1.QSystem.Millis} changes 10 times a second; per variable at
     * most about 1 update/s arrives by default and about 5/s with {@code maxUpdatesPerSecond(5)}. Both servers run
     * at once and are measured over the same 6 s.
     */
    @Test
    void updatesAreThrottledPerVariable() {
        EmbeddedServer slow = closing(fastSimulator().start());
        EmbeddedServer fast = closing(fastSimulator().maxUpdatesPerSecond(5).start());
        RawWebSocket slowSocket = closing(millisSubscription(slow));
        RawWebSocket fastSocket = closing(millisSubscription(fast));
        Predicate<JsonNode> millis = millisUpdate();
        slowSocket.awaitMessage(millis, WAIT);
        fastSocket.awaitMessage(millis, WAIT);

        long from = System.currentTimeMillis();
        Duration window = Duration.ofSeconds(6);
        await().during(window).atMost(window.plusSeconds(2)).until(() -> !slowSocket.isClosed() && !fastSocket.isClosed());
        long to = from + window.toMillis();

        List<Long> slowValues = millisValues(slowSocket.messages(millis.and(receivedBetween(from, to))));
        List<Long> fastValues = millisValues(fastSocket.messages(millis.and(receivedBetween(from, to))));
        assertThat(slowValues.size()).as("updates in 6 s at the default 1/s: %s", slowValues).isBetween(4, 8);
        assertThat(fastValues.size()).as("updates in 6 s at 5/s: %s", fastValues).isBetween(20, 36);
        // the delivered values are sample times: ~1000 ms apart at 1/s, ~200 ms at 5/s (the source changes every 100 ms)
        assertThat(meanGap(slowValues)).as("mean gap at 1/s").isBetween(800.0, 1300.0);
        assertThat(meanGap(fastValues)).as("mean gap at 5/s").isBetween(150.0, 320.0);
    }

    private static EmbeddedServer.Builder fastSimulator() {
        return EmbeddedServer.builder().simulatorInterval(Duration.ofMillis(100))
                .driverSetting("simulator", "unreachableChance", "0");
    }

    private static RawWebSocket millisSubscription(EmbeddedServer target) {
        String token = target.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
        RawWebSocket socket = RawWebSocket.connect(target.graphqlWsUrl(), "graphql-ws");
        socket.sendJson(vars("type", "connection_init", "payload", vars("Authorization", "Bearer " + token)));
        socket.awaitType("connection_ack", WAIT);
        socket.sendJson(vars("id", "1", "type", "start", "payload", vars("query", DATA_SUBSCRIPTION, "variables", vars("p", AHU1_LIST))));
        return socket;
    }

    private static Predicate<JsonNode> millisUpdate() {
        return ofType("data", "1").and(m -> {
            JsonNode value = m.path("payload").path("data").path("data");
            return "AHU1.QSystem.Millis".equals(text(value.get("technicalAddress"))) && value.path("value").isNumber();
        });
    }

    private static Predicate<JsonNode> receivedBetween(long from, long to) {
        return m -> m.path("receivedAtMs").asLong() >= from && m.path("receivedAtMs").asLong() < to;
    }

    private static List<Long> millisValues(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("payload").path("data").path("data").path("value").asLong()).toList();
    }

    private static double meanGap(List<Long> values) {
        return values.size() < 2 ? 0 : (values.getLast() - values.getFirst()) / (double) (values.size() - 1);
    }

    // ---- access control: 32, 38 (and the Workshop grant of the demo) ----

    /** A Guest does not see Workshop ("*": None); the user named operator and the admin do. */
    @Test
    void guestDoesNotSeeTheWorkshop() {
        assertThat(ItSupport.topLevelFolders(api, login("guest").authToken())).contains("Landskrona").doesNotContain("Workshop");
        assertThat(ItSupport.topLevelFolders(api, login("operator").authToken())).contains("Landskrona", "Workshop");
        assertThat(ItSupport.topLevelFolders(api, login("admin").authToken())).contains("Landskrona", "Workshop");

        String guest = login("guest").authToken();
        JsonNode node = api.graphql(guest, "query($p: String!) { node(path: $p) { content } }", vars("p", WORKSHOP_SERVICE));
        assertThat(node.path("data").path("node").isNull() || node.path("data").path("node").isMissingNode())
                .as("a guest reading the Workshop list: %s", node).isTrue();
        assertThat(text(node.path("errors").path(0).get("message"))).isEqualTo("Invalid path");
        assertThat(api.graphql(login("operator").authToken(), "query($p: String!) { node(path: $p) { hash } }",
                vars("p", WORKSHOP_SERVICE)).path("data").path("node").path("hash").isString()).isTrue();
    }

    /**
     * 38: a variable whose ReadAccess is above the user's level never reaches that user's subscription, while the
     * Guest-readable entry of the same list updates normally.
     */
    @Test
    void variablesAboveTheReadLevelAreNeverDelivered() {
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        Map<String, RawWebSocket> sockets = new LinkedHashMap<>();
        for (String user : List.of("guest", "operator", "admin")) {
            RawWebSocket socket = closing(RawWebSocket.connect(server.graphqlWsUrl(), "graphql-ws"));
            socket.sendJson(vars("type", "connection_init", "payload", vars("Authorization", "Bearer " + login(user).authToken())));
            socket.awaitType("connection_ack", WAIT);
            socket.sendJson(vars("id", "r", "type", "start", "payload", vars("query", DATA_SUBSCRIPTION, "variables", vars("p", RESTRICTED))));
            sockets.put(user, socket);
        }
        Predicate<JsonNode> clockUpdate = ofType("data", "r").and(m -> "Cwl.Advise.A[0]".equals(text(
                m.path("payload").path("data").path("data").get("path"))) && m.path("payload").path("data").path("data").path("value").isNumber());
        sockets.forEach((user, socket) -> {
            // two clock values: the initial batch for every readable element is long past
            socket.awaitMessage(clockUpdate, WAIT);
            socket.awaitMessage(clockUpdate, WAIT);
        });
        sockets.forEach((user, socket) -> {
            Set<String> paths = new TreeSet<>();
            for (JsonNode message : socket.messages(ofType("data", "r"))) {
                paths.add(text(message.path("payload").path("data").path("data").get("path")));
            }
            seen.put(user, paths);
        });
        assertThat(seen.get("guest")).as("Guest").containsExactly("Cwl.Advise.A[0]");
        assertThat(seen.get("operator")).as("Operator").containsExactly("Cwl.Advise.A[0]", "Cwl.Advise.A[1]");
        assertThat(seen.get("admin")).as("Admin").containsExactly("Cwl.Advise.A[0]", "Cwl.Advise.A[1]", "Cwl.Advise.A[2]");

        // the polling API does not hand the guest those values either
        Map<String, JsonNode> polled = ItSupport.polledVariables(api, login("guest").authToken(), RESTRICTED);
        for (String hidden : List.of("Cwl.Advise.A[1]", "Cwl.Advise.A[2]")) {
            JsonNode variable = polled.get(hidden);
            assertThat(variable == null || variable.path("value").isNull() || variable.path("value").isMissingNode())
                    .as("guest's polled %s: %s", hidden, variable).isTrue();
        }
    }

    /** 36: the cached value is shared across users: a Guest subscribing after an Admin starts from values, not Pending. */
    @Test
    void anotherUsersSubscriptionStartsFromTheCachedValues() {
        RawWebSocket admin = closing(RawWebSocket.connect(server.graphqlWsUrl(), "graphql-ws"));
        admin.sendJson(vars("type", "connection_init", "payload", vars("Authorization", "Bearer " + login("admin").authToken())));
        admin.sendJson(vars("id", "a", "type", "start", "payload", vars("query", DATA_SUBSCRIPTION, "variables", vars("p", SYSTEM_AIR))));
        Set<String> valued = new TreeSet<>();
        while (valued.size() < 8) {
            JsonNode message = admin.awaitMessage(ofType("data", "a").and(m -> !"Pending".equals(text(
                    m.path("payload").path("data").path("data").get("type")))), WAIT);
            valued.add(text(message.path("payload").path("data").path("data").get("technicalAddress")));
        }

        RawWebSocket guest = closing(RawWebSocket.connect(server.graphqlWsUrl(), "graphql-ws"));
        guest.sendJson(vars("type", "connection_init", "payload", vars("Authorization", "Bearer " + login("guest").authToken())));
        guest.sendJson(vars("id", "g", "type", "start", "payload", vars("query", DATA_SUBSCRIPTION, "variables", vars("p", SYSTEM_AIR))));
        Map<String, String> firstType = new LinkedHashMap<>();
        while (!firstType.keySet().containsAll(valued)) {
            JsonNode value = guest.awaitMessage(ofType("data", "g"), WAIT).path("payload").path("data").path("data");
            firstType.putIfAbsent(text(value.get("technicalAddress")), text(value.get("type")));
        }
        assertThat(firstType).as("the guest's first message per variable").allSatisfy((address, type) ->
                assertThat(type).as(address).isNotEqualTo("Pending"));
    }

    /** 32: a Guest's setData on a writable entry needing Operator does not return true and changes nothing; the audit log has it. */
    @Test
    void guestCannotWriteAnOperatorEntryAndWritesAreAudited() {
        String admin = login("admin").authToken();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                ItSupport.polledVariables(api, admin, SYSTEM_AIR).get(SETPOINT_ELEMENT).path("value").isNumber());
        double before = ItSupport.polledVariables(api, admin, SYSTEM_AIR).get(SETPOINT_ELEMENT).path("value").asDouble();
        double refusedValue = before == 23.5 ? 24.5 : 23.5;

        JsonNode refused = ItSupport.setData(api, login("guest").authToken(), SYSTEM_AIR, SETPOINT_ELEMENT, Double.toString(refusedValue));
        assertThat(refused.path("data").path("setData").asBoolean(false)).as("guest setData: %s", refused).isFalse();
        assertThat(text(refused.path("errors").path(0).get("message"))).as("the reason: %s", refused).isNotBlank();
        assertThat(ItSupport.polledVariables(api, admin, SYSTEM_AIR).get(SETPOINT_ELEMENT).path("value").asDouble())
                .as("the setpoint after the refused write").isEqualTo(before);

        double accepted = before == 20.5 ? 21.5 : 20.5;
        JsonNode written = ItSupport.setData(api, admin, SYSTEM_AIR, SETPOINT_ELEMENT, Double.toString(accepted));
        assertThat(written.path("data").path("setData").asBoolean()).as("admin setData: %s", written).isTrue();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() ->
                ItSupport.polledVariables(api, admin, SYSTEM_AIR).get(SETPOINT_ELEMENT).path("value").asDouble() == accepted);

        // the running server keeps its store open; SQLite WAL lets this JVM read it too
        List<AuditEntry> audit;
        try (VaktStore store = VaktStore.open(server.dataDir(), StoreOptions.defaults())) {
            audit = store.auditLog().recent(100);
        }
        assertThat(audit).as("audit log").anySatisfy(entry -> {
            assertThat(entry.username()).isEqualTo("admin");
            assertThat(entry.technicalAddress()).isEqualTo(SETPOINT_ADDRESS);
            assertThat(Double.parseDouble(entry.newValue())).isEqualTo(accepted);
            assertThat(entry.succeeded()).isTrue();
            assertThat(entry.clientAddress()).contains("127.0.0.1");
        });
        assertThat(audit).as("the refused attempt in the audit log").anySatisfy(entry -> {
            assertThat(entry.username()).isEqualTo("guest");
            assertThat(entry.technicalAddress()).isEqualTo(SETPOINT_ADDRESS);
            assertThat(entry.succeeded()).isFalse();
        });
    }

    // ---- token helpers ----

    /** The same token with its payload changed to another user: the signature no longer matches. */
    private static String forged(String jwt) {
        String[] parts = jwt.split("\\.");
        JsonNode claims = jwtPart(jwt, 1);
        String payload = ((tools.jackson.databind.node.ObjectNode) claims).put("sub", "root").toString();
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    /** A well-formed, unexpired HS256 token with Vakt's claims, signed with a secret this server does not have. */
    private static String foreignToken(String user) {
        long now = Instant.now().getEpochSecond();
        String header = json(vars("alg", "HS256", "typ", "JWT"));
        String claims = json(vars("sub", user, "jti", UUID.randomUUID().toString(), "nbf", now, "iat", now,
                "exp", now + 600, "iss", "vakt"));
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + b64url.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
