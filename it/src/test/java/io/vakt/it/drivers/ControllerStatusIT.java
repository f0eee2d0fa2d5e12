package io.vakt.it.drivers;

import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of a controller's link without reading the log: {@code sysinfo.controllers} (state,
 * since, the last problem, reconnects) and the metric {@code vakt_controller_up}, while a Modbus device goes
 * away and comes back.
 */
class ControllerStatusIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void sysinfoAndMetricsFollowTheLinkDownAndBackUp(@TempDir Path work) {
        int port = ChildProcess.freePort();
        ChildProcess server = Peers.pymodbus(work, port);
        try (TcpRelay relay = TcpRelay.start(port);
             DriverSite site = DriverSite.builder(work).controller("Plant", """
                     driver: modbus
                     settings:
                       host: 127.0.0.1
                       port: %d
                       timeout: 500ms
                       reconnectMin: 100ms
                       reconnectMax: 200ms
                     points:
                       - address: HR0
                         type: integer
                         register: holding:0
                     """.formatted(relay.port())).start();
             Subscriber subscriber = site.subscribe()) {
            ApiClient api = site.server().api();
            String token = api.login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
            subscriber.awaitValue("Plant.HR0", "1234", WAIT);
            JsonNode up = awaitController(api, token, c -> c.path("state").asString("").equals("CONNECTED"));
            assertThat(up.path("driver").asString()).isEqualTo("modbus");
            assertThat(up.path("peer").asString()).isEqualTo("127.0.0.1:" + relay.port());
            assertThat(up.path("points").asInt()).isEqualTo(1);
            assertThat(metrics(api, token)).contains("vakt_controller_up{controller=\"Plant\",driver=\"modbus\"} 1.0");

            relay.cut();
            subscriber.awaitLatest("Plant.HR0", u -> u.type().equals("ErrorUnreachable"), WAIT);
            JsonNode down = awaitController(api, token, c -> c.path("state").asString("").equals("DOWN"));
            assertThat(down.path("problem").asString()).isNotBlank();
            assertThat(metrics(api, token)).contains("vakt_controller_up{controller=\"Plant\",driver=\"modbus\"} 0.0");

            relay.restore();
            subscriber.awaitLatest("Plant.HR0", LiveUpdate::hasValue, WAIT);
            JsonNode back = awaitController(api, token, c -> c.path("state").asString("").equals("CONNECTED"));
            assertThat(back.path("reconnects").asLong()).isGreaterThanOrEqualTo(1);
        } finally {
            server.stop();
        }
    }

    private static JsonNode awaitController(ApiClient api, String token, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() - deadline < 0) {
            last = api.get("/sysinfo", token).json().path("controllers").path(0);
            if (condition.test(last)) return last;
            ChildProcess.pause(Duration.ofMillis(50));
        }
        throw new AssertionError("sysinfo.controllers[0] never matched; last: " + last);
    }

    private static String metrics(ApiClient api, String token) {
        return api.get("/metrics", token).body();
    }
}
