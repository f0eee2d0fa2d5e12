package io.vakt.server.doctor;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole doctor against a real plain-HTTP Vakt server, and against a port where nothing listens. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorAgainstServerTest {
    private DoctorServer server;

    @BeforeAll
    void start() { server = DoctorServer.start(config -> config.withWebSocket(
            new io.vakt.server.config.VaktConfig.WebSocket(Duration.ofSeconds(1), config.webSocket().compression(),
                    config.webSocket().writeQueueHighWaterBytes()))); }

    @AfterAll
    void stop() { server.close(); }

    @Test
    void aHealthyServerPassesEveryCheckWithCredentials() throws InterruptedException {
        List<StepResult> progress = new ArrayList<>();
        DoctorReport report = new Doctor(options(server.url("http"), server.admin()), progress::add).run();

        assertThat(report.exitCode()).as(describe(report)).isZero();
        assertThat(progress).as("each step reported as it ended").isEqualTo(report.steps());
        Map<String, StepResult> steps = byName(report);
        assertThat(steps.get(NetworkChecks.RESOLVE).status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(steps.get(NetworkChecks.TCP).status()).isEqualTo(Status.OK);
        assertThat(steps.get(TlsCheck.NAME).status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(steps.get(ApiChecks.HEALTH).detail()).contains("health UP from Vakt");
        assertThat(steps.get(ApiChecks.SIGN_IN).detail()).contains("signed in as admin");
        assertThat(steps.get(WebSocketChecks.GRAPHQL_UPGRADE).detail()).contains("graphql-transport-ws");
        assertThat(steps.get(WebSocketChecks.WAMP_UPGRADE).detail()).contains("wamp.2.json");
        assertThat(steps.get(WebSocketChecks.BROWSER_ORIGIN).detail()).contains("Origin http://127.0.0.1:" + server.port() + " is accepted");
        assertThat(steps.get(WebSocketChecks.GRAPHQL_SUBPROTOCOLS).detail()).contains("graphql-ws negotiated");
        assertThat(steps.get(WebSocketChecks.WAMP_SUBPROTOCOLS).detail()).contains("wamp.2.msgpack negotiated");
        assertThat(steps.get(GraphqlCheck.NAME).status()).isEqualTo(Status.OK);
        assertThat(steps.get(GraphqlCheck.NAME).detail()).contains(" = ");
        assertThat(steps.get(WampCheck.NAME).detail()).contains("accounts.demo.services.ssf.info answered");
        assertThat(steps.get(IdleCheck.NAME).status()).isEqualTo(Status.NOT_APPLICABLE);
    }

    @Test
    void quietSessionsSurviveAShortIdleWait() throws InterruptedException {
        DoctorReport report = new Doctor(options(server.url("http"), server.admin()).withIdle(Duration.ofSeconds(3)),
                Progress.SILENT).run();
        assertThat(report.exitCode()).as(describe(report)).isZero();
        assertThat(byName(report).get(IdleCheck.NAME).detail())
                .contains("both sessions survived 3 s quiet", "GraphQL answered ping", "WAMP answered ssf.info");
    }

    @Test
    void withoutCredentialsTheTokenChecksAreSkippedAndTheRunIsIncomplete() throws InterruptedException {
        DoctorReport report = new Doctor(options(server.url("http"), new Credentials.None()), Progress.SILENT).run();
        Map<String, StepResult> steps = byName(report);
        assertThat(steps.get(ApiChecks.SIGN_IN).status()).isEqualTo(Status.SKIP);
        assertThat(steps.get(ApiChecks.SIGN_IN).detail()).contains("--user NAME --password-stdin", "--token");
        assertThat(steps.get(GraphqlCheck.NAME).status()).isEqualTo(Status.SKIP);
        assertThat(steps.get(WampCheck.NAME).status()).isEqualTo(Status.SKIP);
        assertThat(steps.get(WebSocketChecks.GRAPHQL_UPGRADE).status()).as("upgrades need no token").isEqualTo(Status.OK);
        assertThat(report.exitCode()).isEqualTo(DoctorReport.INCOMPLETE);
    }

    @Test
    void aWrongPasswordFailsTheSignInNamingIt() throws InterruptedException {
        DoctorReport report = new Doctor(options(server.url("http"), new Credentials.Password("admin", "wrong")),
                Progress.SILENT).run();
        StepResult signIn = byName(report).get(ApiChecks.SIGN_IN);
        assertThat(signIn.status()).isEqualTo(Status.FAIL);
        assertThat(signIn.cause()).contains("user name or password is wrong");
        assertThat(signIn.toString()).doesNotContain("wrong\"").doesNotContain("password=wrong");
        assertThat(byName(report).get(GraphqlCheck.NAME).detail()).isEqualTo("sign-in failed");
        assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
    }

    @Test
    void anUrlWithTheApiPathIsTheSameTarget() throws InterruptedException {
        DoctorReport report = new Doctor(options(server.url("http") + "/Arrigo/api/", server.admin()), Progress.SILENT).run();
        assertThat(report.exitCode()).as(describe(report)).isZero();
    }

    @Test
    void aClosedPortIsNamedAndEverythingAfterIsSkipped() throws IOException, InterruptedException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        DoctorReport report = new Doctor(options("http://127.0.0.1:" + closed, server.admin()), Progress.SILENT).run();
        StepResult tcp = byName(report).get(NetworkChecks.TCP);
        assertThat(tcp.status()).isEqualTo(Status.FAIL);
        assertThat(tcp.detail()).contains("127.0.0.1:" + closed + " refused");
        assertThat(tcp.cause()).contains("nothing listens on port " + closed + ", or a firewall rejects the connection");
        assertThat(report.steps().subList(2, report.steps().size())).allSatisfy(step -> {
            assertThat(step.status()).isIn(Status.SKIP, Status.NOT_APPLICABLE);
        });
        assertThat(report.exitCode()).isEqualTo(DoctorReport.FAILED);
    }

    @Test
    void anUnknownHostNameFailsTheResolution() throws InterruptedException {
        DoctorReport report = new Doctor(options("http://no-such-host.invalid", server.admin()), Progress.SILENT).run();
        StepResult resolve = byName(report).get(NetworkChecks.RESOLVE);
        assertThat(resolve.status()).isEqualTo(Status.FAIL);
        assertThat(resolve.cause()).contains("DNS knows no address for no-such-host.invalid");
        assertThat(byName(report).get(NetworkChecks.TCP).status()).isEqualTo(Status.SKIP);
    }

    static DoctorOptions options(String url, Credentials credentials) {
        return DoctorOptions.of(DoctorTarget.parse(url), credentials).withTimeout(Duration.ofSeconds(5));
    }

    /** An access token of the test server's admin, from the real login endpoint. */
    static String adminToken(DoctorServer server) {
        try (HttpLink link = new HttpLink(DoctorTarget.parse(server.url("http")), Duration.ofSeconds(5), null)) {
            HttpLink.Reply reply = link.postJson("/login", Json.write(Map.of("username", DoctorServer.ADMIN, "password", DoctorServer.ADMIN_PASSWORD)));
            return Json.text(Json.parse(reply.body()), "authToken");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Map<String, StepResult> byName(DoctorReport report) {
        return report.steps().stream().collect(Collectors.toMap(StepResult::name, Function.identity()));
    }

    static String describe(DoctorReport report) {
        return report.steps().stream().map(s -> s.status().label() + " " + s.name() + ": " + s.detail()
                + (s.cause() == null ? "" : " | " + s.cause())).collect(Collectors.joining("\n"));
    }
}
