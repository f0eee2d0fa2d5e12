package io.vakt.it.drivers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vakt scan} as an engineer runs it, in-process through the real command line, against pymodbus's Modbus
 * TCP server and the BACnet/IP device on npm: the listing, the progress lines, the controller files written
 * for the project, the refusal to overwrite, and a target where nothing answers. The written files then serve
 * values through a running server.
 */
class ScanCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void modbusScanListsTheUnitsRegistersAndWritesAControllerFileThatServesValues(@TempDir Path work) throws IOException {
        int port = ChildProcess.freePort();
        ChildProcess server = Peers.pymodbus(work, port);
        try {
            Path controllers = work.resolve("project/controllers");
            VaktCli scan = VaktCli.run("", "scan", "modbus", "127.0.0.1:" + port, "--units", "1-2",
                    "--range", "holding:0-24", "--range", "coil:0-3", "--timeout", "300ms", "--write", controllers.toString());
            assertThat(scan.exitCode()).as(scan.err()).isZero();
            assertThat(scan.out()).contains("Unit1", "HR0", "HR19", "C3", "register: holding:0").doesNotContain("HR20", "Unit2");
            assertThat(scan.out()).contains("wrote " + controllers.resolve("Unit1.yaml"), "project.yaml");
            assertThat(scan.err()).contains("scan:   0%", "scan: 100%", "found: Unit1");
            String file = Files.readString(controllers.resolve("Unit1.yaml"));
            assertThat(file).startsWith("# vakt scan modbus 127.0.0.1:" + port).contains("driver: modbus", "unitId: \"1\"");

            VaktCli again = VaktCli.run("", "scan", "modbus", "127.0.0.1:" + port, "--range", "holding:0-3",
                    "--write", controllers.toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("Unit1.yaml exists; not overwritten (add --force to replace it)");
            assertThat(Files.readString(controllers.resolve("Unit1.yaml"))).isEqualTo(file);

            try (DriverSite site = DriverSite.builder(work.resolve("site")).controller("Unit1", file).start();
                 Subscriber subscriber = site.subscribe()) {
                subscriber.awaitValue("Unit1.HR0", "1234", WAIT);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void bacnetScanFindsTheDeviceAndItsObjects(@TempDir Path work) throws IOException {
        int port = ChildProcess.freeUdpPort();
        ChildProcess device = Peers.bacnetDevice(work, port, 260_101, "bacnet-scan-device");
        try {
            Path controllers = work.resolve("controllers");
            VaktCli scan = VaktCli.run("", "scan", "bacnet", "127.0.0.1", "--port", String.valueOf(port),
                    "--wait", "1s", "--write", controllers.toString());
            assertThat(scan.exitCode()).as(scan.err()).isZero();
            assertThat(scan.out()).contains("device=260101", "object: analog-value:1", "writable", "°C");
            assertThat(scan.err()).contains("scan: 100%", "found: ");
            try (var files = Files.list(controllers)) {
                assertThat(files.toList()).singleElement().satisfies(file ->
                        assertThat(Files.readString(file)).contains("driver: bacnet", "device: \"260101\""));
            }
        } finally {
            device.stop();
        }
    }

    @Test
    void whereNothingAnswersTheScanSaysSoAndExitsWithOne() {
        VaktCli modbus = VaktCli.run("", "scan", "modbus", "127.0.0.1:" + ChildProcess.freePort(), "--timeout", "200ms");
        assertThat(modbus.exitCode()).isEqualTo(1);
        assertThat(modbus.err()).contains("vakt scan: cannot connect to 127.0.0.1:");

        VaktCli bacnet = VaktCli.run("", "scan", "bacnet", "127.0.0.1", "--port", String.valueOf(ChildProcess.freeUdpPort()),
                "--wait", "300ms");
        assertThat(bacnet.exitCode()).isEqualTo(1);
        assertThat(bacnet.out()).contains("Nothing answered bacnet 127.0.0.1:");

        VaktCli usage = VaktCli.run("", "scan", "modbus", "127.0.0.1", "--range", "holdings:0-9");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Invalid value for --range");
    }
}
