package io.vakt.server.tls;

import io.vakt.server.VaktServer;
import io.vakt.server.config.VaktConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A test CA, certificates it signs, clients trusting it, and real Vakt servers on 127.0.0.1, port 0, with a
 * temporary data folder (the testkit depends on this module, so its EmbeddedServer cannot be used here).
 */
final class TlsFixture {
    static final String ADMIN_PASSWORD = "admin-secret-for-tls-tests";
    static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1");
    static final IssuedCertificate CA = SelfSignedCertificate.createCa("Vakt Test Root CA");

    private TlsFixture() {}

    static IssuedCertificate leaf() {
        return SelfSignedCertificate.signedBy(CA, LOCAL_NAMES, Duration.ofDays(60));
    }

    /** An SSL context trusting only {@code roots}. */
    static SSLContext trusting(X509Certificate... roots) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < roots.length; i++) store.setCertificateEntry("root" + i, roots[i]);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(CA.certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The serial number of the certificate a fresh TLS connection to {@code port} is served. */
    static BigInteger servedSerial(int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) trusting(CA.certificate()).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    /** A running server and the folder it owns (data and certificate files), deleted on close. */
    record Running(VaktServer server, Path folder) implements AutoCloseable {
        int port() { return server.port(); }

        String apiUrl() { return "https://127.0.0.1:" + port() + "/arrigo/api"; }

        @Override
        public void close() {
            server.close();
            deleteTree(folder);
        }
    }

    static Running start(Path folder, UnaryOperator<VaktConfig.Tls> tls) {
        VaktConfig defaults = VaktConfig.defaults();
        VaktConfig config = defaults.withListener(new VaktConfig.Listener("127.0.0.1", 0, 2))
                .withDataDir(folder.resolve("data"))
                .withTls(tls.apply(defaults.tls()));
        return new Running(VaktServer.start(config, Map.of("VAKT_ADMIN_PASSWORD", ADMIN_PASSWORD)), folder);
    }

    static Path tempFolder() {
        try {
            return Files.createTempDirectory("vakt-tls-test-");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is not a test failure
        }
    }
}
