package io.vakt.server.doctor;

import io.vakt.server.VaktServer;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.tls.IssuedCertificate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real Vakt server for the doctor's tests (the testkit's EmbeddedServer depends on this module): 127.0.0.1,
 * port 0, the demo building, a temporary folder for data and certificate files, deleted on close.
 */
record DoctorServer(VaktServer server, Path folder) implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret-for-doctor-tests";

    static DoctorServer plain() { return start(config -> config); }

    /** A server whose own listener serves TLS with {@code certificate} (its whole chain, or only the leaf). */
    static DoctorServer tls(IssuedCertificate certificate, boolean leafOnly) {
        Path folder = tempFolder();
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        if (leafOnly) certificate.writeLeafOnlyPem(cert, key);
        else certificate.writePem(cert, key);
        return start(folder, config -> config.withTls(config.tls().withCertificate(cert).withKey(key)));
    }

    static DoctorServer start(UnaryOperator<VaktConfig> change) { return start(tempFolder(), change); }

    private static DoctorServer start(Path folder, UnaryOperator<VaktConfig> change) {
        VaktConfig config = change.apply(VaktConfig.defaults().withListener(new VaktConfig.Listener("127.0.0.1", 0, 2)))
                .withDataDir(folder.resolve("data"));
        return new DoctorServer(VaktServer.start(config, Map.of("VAKT_ADMIN_PASSWORD", ADMIN_PASSWORD)), folder);
    }

    int port() { return server.port(); }

    String url(String scheme) { return scheme + "://127.0.0.1:" + port(); }

    Credentials admin() { return new Credentials.Password(ADMIN, ADMIN_PASSWORD); }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not a test failure
        }
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("vakt-doctor-test-");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
