package io.vakt.it.proxy;

import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

/**
 * Real client libraries through real proxies (issue 6, "How it is shown"): the seed page's nginx configuration as
 * published, the TLS-terminating nginx configuration of docs/deploy/nginx.md, and the TLS-terminating HAProxy of
 * docs/deploy/haproxy.md. Through each: graphql-ws (graphql-transport-ws) and subscriptions-transport-ws (legacy
 * graphql-ws) receive live values; AutobahnJS with JSON and with MessagePack joins, calls and receives events.
 *
 * <p>Then every session stays idle for {@link #IDLE} (120 s: twice nginx's default {@code proxy_read_timeout} and
 * HAProxy's {@code timeout client/server} of the guide) and must still be the same, working session: only Vakt's
 * 25 s pings cross the proxies meanwhile. All twelve sessions idle at the same time, so the wait is paid once.
 * {@code -Dvakt.it.proxy.idle=10s} shortens it for local runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxiedSessionsIT {
    static final Duration IDLE = Duration.parse("PT" + System.getProperty("vakt.it.proxy.idle", "120s").toUpperCase());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVICE = "proxied";
    private static final String CLOCK = "AHU1.QSystem.Sec";
    private static final String SYSTEM_AIR = Base64.getEncoder()
            .encodeToString("Landskrona.SystemAir.File".getBytes(StandardCharsets.UTF_8));
    private static final String QUERY =
            "subscription($p: String!) { data(path: $p) { value path technicalAddress type timeStamp } }";
    private static final List<String> KINDS = List.of("graphql-transport-ws", "graphql-ws", "wamp-json", "wamp-msgpack");

    private Path work;
    private EmbeddedServer vakt;
    private final List<AutoCloseable> proxies = new ArrayList<>();
    private final List<ProxiedSession> sessions = new ArrayList<>();
    private final Map<ProxiedSession, JsonNode> ready = new LinkedHashMap<>();

    /** One proxy the clients go through: its WebSocket base URL, HTTP base URL and the CA a client must trust. */
    private record Route(String name, String webSocketBase, String httpBase, Path trustedCa) {}

    @BeforeAll
    void startProxiesAndClients() throws IOException {
        ProxyPrerequisites.assumeNginx();
        ProxyPrerequisites.assumeHaproxy();
        ProxiedSession.assumeNodeClients();
        work = Files.createTempDirectory("vakt-proxied-");
        // the sessions must outlive the idle wait with the token they started with
        vakt = EmbeddedServer.builder().accessTokenLifetime(Duration.ofMinutes(30)).start();
        TestCertificates ca = TestCertificates.authority(work);
        TestCertificates.CertificateFiles certificate = ca.issue("proxy", "localhost");

        Nginx seed = Nginx.start(work.resolve("nginx-seed"), Nginx.SEED, vakt.port());
        proxies.add(seed);
        Nginx recommended = Nginx.startTls(work.resolve("nginx-tls"), Nginx.RECOMMENDED, vakt.port(),
                certificate.certificateChain(), certificate.privateKey());
        proxies.add(recommended);
        Haproxy haproxy = Haproxy.startTls(work.resolve("haproxy"), vakt.port(), certificate.combined(), Duration.ofHours(1));
        proxies.add(haproxy);

        String serviceKey = vakt.createServiceKey(SERVICE);
        List<Route> routes = List.of(
                new Route("nginx-seed", seed.webSocketBaseUrl(), seed.baseUrl(), null),
                new Route("nginx-tls", recommended.webSocketBaseUrl(), recommended.baseUrl(), ca.caCertificateFile()),
                new Route("haproxy-tls", haproxy.webSocketBaseUrl(), haproxy.baseUrl(), ca.caCertificateFile()));
        for (Route route : routes) {
            String token = loginThrough(route);
            for (String kind : KINDS) {
                String label = route.name() + "/" + kind;
                sessions.add(ProxiedSession.start(label, work.resolve("clients").resolve(route.name() + "-" + kind),
                        options(route, kind, token, serviceKey), route.trustedCa()));
            }
        }
    }

    /** The HTTP API through the proxy's plain {@code location /} (or HAProxy's frontend): the login clients do first. */
    private String loginThrough(Route route) {
        SSLContext trust = route.trustedCa() == null ? null : TestCertificates.trusting(route.trustedCa());
        HttpResponse<String> login = ProxyHttp.postJson(ProxyHttp.client(trust), route.httpBase() + "/arrigo/api/login",
                JSON.writeValueAsString(Map.of("username", EmbeddedServer.ADMIN, "password", EmbeddedServer.ADMIN_PASSWORD)));
        assertThat(login.statusCode()).as("login through " + route.name() + ": " + login.body()).isEqualTo(200);
        return JSON.readTree(login.body()).path("authToken").asString();
    }

    private Map<String, Object> options(Route route, String kind, String token, String serviceKey) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("token", token);
        options.put("timeoutMs", IDLE.toMillis() + 120_000);
        if (kind.startsWith("wamp")) {
            String tag = route.name().replace('-', '_') + "_" + kind.replace('-', '_');
            options.put("kind", "wamp");
            options.put("url", route.webSocketBase() + "/arrigo/api/wamp");
            options.put("serializer", kind.substring("wamp-".length()));
            options.put("serviceKey", serviceKey);
            options.put("procedure", "accounts.demo.services." + SERVICE + "." + tag + ".echo");
            options.put("topic", "com.example." + SERVICE + "." + tag + ".news");
        } else {
            options.put("kind", kind);
            options.put("url", route.webSocketBase() + "/arrigo/api/graphql/ws");
            options.put("query", QUERY);
            options.put("variables", Map.of("p", SYSTEM_AIR));
            options.put("address", CLOCK);
        }
        return options;
    }

    @AfterAll
    void stopEverything() throws Exception {
        sessions.forEach(ProxiedSession::close);
        for (AutoCloseable proxy : proxies) proxy.close();
        if (vakt != null) vakt.close();
        if (work != null) deleteTree(work);
    }

    /** Deletes the work folder; the clients' node_modules links are deleted as links, never followed. */
    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    @Test
    @Order(1)
    void everyClientGetsLiveValuesOrCallsAndEventsThroughEveryProxy() {
        List<Executable> checks = new ArrayList<>();
        for (ProxiedSession session : sessions) {
            JsonNode readyEvent = session.await("ready", Duration.ofSeconds(30));
            ready.put(session, readyEvent);
            checks.add(() -> {
                if (session.label().contains("wamp")) {
                    assertThat(session.all("joined")).as(session.report()).hasSize(2);
                    assertThat(session.all("result")).as(session.report()).singleElement()
                            .satisfies(result -> assertThat(result.path("args").toString()).isEqualTo("[\"echo\",\"before-idle\"]"));
                    assertThat(session.all("event")).as(session.report()).singleElement()
                            .satisfies(event -> assertThat(event.path("payload").asString()).isEqualTo("before-idle"));
                } else {
                    String subprotocol = session.label().substring(session.label().indexOf('/') + 1);
                    assertThat(session.all("socket-open")).as(session.report()).singleElement()
                            .satisfies(open -> assertThat(open.path("protocol").asString()).isEqualTo(subprotocol));
                    List<JsonNode> values = session.all("value");
                    assertThat(values).as(session.report()).hasSize(2);
                    // two different seconds of the simulated clock: a live value, not a cached one
                    assertThat(values.get(0).path("variable").path("value").asString())
                            .isNotEqualTo(values.get(1).path("variable").path("value").asString());
                }
            });
        }
        assertAll(checks);
    }

    @Test
    @Order(2)
    void everySessionIdleFor120SecondsIsStillTheSameWorkingSession() throws InterruptedException {
        if (ready.size() != sessions.size()) everyClientGetsLiveValuesOrCallsAndEventsThroughEveryProxy();
        Thread.sleep(IDLE);
        sessions.forEach(ProxiedSession::check);
        List<Executable> checks = new ArrayList<>();
        for (ProxiedSession session : sessions) {
            checks.add(() -> {
                JsonNode checked = session.await("checked", Duration.ofSeconds(30));
                assertThat(checked.path("closes").size()).as("closes during the idle wait\n" + session.report()).isZero();
                if (session.label().contains("wamp")) {
                    assertThat(checked.path("sessions")).as("the same WAMP sessions\n" + session.report())
                            .isEqualTo(ready.get(session).path("sessions"));
                    assertThat(checked.path("events").toString()).isEqualTo("[\"before-idle\",\"after-idle\"]");
                    assertThat(session.all("result")).hasSize(2);
                } else {
                    assertThat(checked.path("opens").asInt()).as("one socket for the whole test\n" + session.report()).isEqualTo(1);
                    assertThat(session.all("value")).as(session.report()).hasSize(3);
                }
            });
        }
        assertAll(checks);
    }
}
