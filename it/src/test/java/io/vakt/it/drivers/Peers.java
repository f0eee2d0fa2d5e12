package io.vakt.it.drivers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The field devices the driver tests run: pymodbus's Modbus TCP server and the BACnet/IP device on npm. */
final class Peers {
    private static final Duration START = Duration.ofSeconds(30);

    private Peers() {}

    /** Debian's pymodbus serving it/src/test/python/modbus_server.py's seeded unit 1 on {@code port}. */
    static ChildProcess pymodbus(Path work, int port) {
        Prerequisites.assumePython("pymodbus", "python3-pymodbus");
        Path script = Path.of(System.getProperty("vakt.it.python.dir", "src/test/python")).resolve("modbus_server.py");
        ChildProcess server = ChildProcess.start("modbus-server-" + port,
                List.of("/usr/bin/python3", script.toAbsolutePath().toString(), String.valueOf(port)), work);
        server.awaitOutput("listening on " + port, START);
        return server;
    }

    /** it/src/test/node/bacnet-device.mjs (on @bacnet-js/client) as device {@code instance} on UDP {@code port}. */
    static ChildProcess bacnetDevice(Path work, int port, int instance, String name) {
        ChildProcess device = ChildProcess.start(name,
                List.of(Prerequisites.node().toString(), Prerequisites.nodeDir().resolve("bacnet-device.mjs").toString(),
                        String.valueOf(port), String.valueOf(instance)), work);
        device.awaitOutput("listening", START);
        return device;
    }
}
