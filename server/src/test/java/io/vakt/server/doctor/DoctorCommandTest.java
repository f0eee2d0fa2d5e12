package io.vakt.server.doctor;

import io.vakt.server.cli.CliRun;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vakt doctor} through the real command line, in-process: output, {@code --json}, exit statuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorCommandTest {
    private DoctorServer server;
    @TempDir
    Path work;

    @BeforeAll
    void start() { server = DoctorServer.plain(); }

    @AfterAll
    void stop() { server.close(); }

    @Test
    void aHealthyServerPrintsAProgressLinePerStepAndExitsZero() {
        CliRun run = run(DoctorServer.ADMIN_PASSWORD + "\n", "doctor", server.url("http") + "/arrigo", "--user", "admin", "--password-stdin");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("vakt doctor http://127.0.0.1:" + server.port() + "/arrigo/api\n")
                .contains("[ok]   TCP connection: 127.0.0.1:" + server.port() + " accepts connections (",
                        "[ok]   GraphQL subscription: list ", "[n/a]  Idle sessions: not asked for")
                .endsWith("All checks passed. Exit status 0.\n")
                .doesNotContain(DoctorServer.ADMIN_PASSWORD);
        assertThat(run.out().lines().filter(line -> line.matches("^\\[(ok|warn|FAIL|skip|n/a)\\].*\\(\\d+ ms\\)$"))).hasSize(14);
    }

    @Test
    void jsonPrintsOneDocumentOnlyAndTheIncompleteStatusWithoutCredentials() {
        CliRun run = run("", "doctor", server.url("http"), "--json");
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode document = Json.parse(run.out());
        assertThat(document.path("exitCode").asInt()).isEqualTo(3);
        assertThat(document.path("steps").size()).isEqualTo(14);
        JsonNode signIn = document.path("steps").get(5);
        assertThat(signIn.path("name").asString()).isEqualTo("Sign-in");
        assertThat(signIn.path("status").asString()).isEqualTo("skip");
        assertThat(signIn.has("millis")).isTrue();
        assertThat(document.path("steps").get(6).path("status").asString()).isEqualTo("ok");
    }

    @Test
    void aTokenIsCheckedAndNeverPrinted() {
        String token = DoctorAgainstServerTest.adminToken(server);
        CliRun run = run("", "doctor", server.url("http"), "--token", token, "--json");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain(token);
    }

    @Test
    void aClosedPortExitsOne() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CliRun run = run("", "doctor", "http://127.0.0.1:" + closed);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAIL] TCP connection: 127.0.0.1:" + closed + " refused",
                "cause: nothing listens on port " + closed + ", or a firewall rejects the connection",
                "[skip] HTTP API: no TCP connection");
    }

    @Test
    void contradictoryOrBadArgumentsAreUsageErrors() {
        assertThat(run("", "doctor", "http://h", "--token", "t", "--user", "u", "--password", "p").err())
                .contains("give either --token or --user with a password, not both");
        assertThat(run("", "doctor", "ftp://h").exitCode()).isEqualTo(2);
        assertThat(run("", "doctor", "http://h", "--user", "u").err()).contains("--user needs --password-stdin");
        assertThat(run("", "doctor", "http://h", "--trust", "missing.pem").err()).contains("--trust missing.pem: cannot read PEM certificates");
    }

    private CliRun run(String stdin, String... args) {
        return CliRun.run(work, Map.of(), stdin, args);
    }
}
