package io.vakt.server.tls;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Replacing the certificate files while Vakt runs: new connections get the new certificate, a broken file changes nothing. */
class ReloadTest {
    private final Path folder = TlsFixture.tempFolder();
    private final Path cert = folder.resolve("cert.pem");
    private final Path key = folder.resolve("key.pem");
    private TlsFixture.Running running;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ServerTls.class);

    ReloadTest() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
        if (running != null) running.close();
        TlsFixture.deleteTree(folder);
    }

    private ServerTls tls() { return running.server().tls().orElseThrow(); }

    private boolean check() throws Exception {
        return tls().checkNow().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void changedFilesAreServedToNewConnectionsOnEveryEventLoop() throws Exception {
        IssuedCertificate first = TlsFixture.leaf();
        first.writePem(cert, key);
        running = TlsFixture.start(folder, tls -> tls.withCertificate(cert).withKey(key).withReloadInterval(Duration.ZERO));
        assertThat(TlsFixture.servedSerial(running.port())).isEqualTo(first.certificate().getSerialNumber());
        assertThat(check()).as("unchanged files").isFalse();

        IssuedCertificate second = TlsFixture.leaf();
        second.writePem(cert, key);
        assertThat(check()).isTrue();
        // the listener runs one server per event loop (2 here): several connections reach all of them
        for (int i = 0; i < 6; i++) {
            assertThat(TlsFixture.servedSerial(running.port())).isEqualTo(second.certificate().getSerialNumber());
        }
        assertThat(messages(Level.INFO)).anyMatch(line -> line.startsWith("TLS certificate reloaded: CN=localhost"));
        assertThat(tls().report().subject()).contains("CN=localhost");
    }

    @Test
    void aBrokenNewFileKeepsTheOldCertificateAndSaysWhichFileAndWhy() throws Exception {
        IssuedCertificate first = TlsFixture.leaf();
        first.writePem(cert, key);
        running = TlsFixture.start(folder, tls -> tls.withCertificate(cert).withKey(key).withReloadInterval(Duration.ZERO));

        // a renewal half done: the new certificate is there, the key is still the old one
        Files.writeString(cert, TlsFixture.leaf().certificatePem());
        assertThat(check()).isFalse();
        assertThat(TlsFixture.servedSerial(running.port())).isEqualTo(first.certificate().getSerialNumber());
        assertThat(messages(Level.ERROR)).singleElement().asString()
                .startsWith("TLS certificate not reloaded, still serving CN=localhost")
                .contains("tls.key " + key + ": the private key does not belong to the certificate");
        assertThat(check()).as("the same broken files are reported once").isFalse();
        assertThat(messages(Level.ERROR)).hasSize(1);

        IssuedCertificate fixed = TlsFixture.leaf();
        fixed.writePem(cert, key);
        assertThat(check()).isTrue();
        assertThat(TlsFixture.servedSerial(running.port())).isEqualTo(fixed.certificate().getSerialNumber());
    }

    @Test
    void theReloadIntervalChecksOnItsOwnAndOpenConnectionsContinue() throws Exception {
        IssuedCertificate first = TlsFixture.leaf();
        first.writePem(cert, key);
        running = TlsFixture.start(folder, tls -> tls.withCertificate(cert).withKey(key).withReloadInterval(Duration.ofMillis(200)));
        HttpClient keepAlive = TlsFixture.client();
        HttpRequest health = HttpRequest.newBuilder(URI.create(running.apiUrl() + "/health")).build();
        assertThat(keepAlive.send(health, HttpResponse.BodyHandlers.ofString()).sslSession().orElseThrow()
                .getPeerCertificates()[0]).isEqualTo(first.certificate());

        IssuedCertificate second = TlsFixture.leaf();
        second.writePem(cert, key);
        BigInteger served = first.certificate().getSerialNumber();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!served.equals(second.certificate().getSerialNumber()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            served = TlsFixture.servedSerial(running.port());
        }
        assertThat(served).isEqualTo(second.certificate().getSerialNumber());
        // the pooled connection made before the reload is still open and still has the old certificate
        assertThat(keepAlive.send(health, HttpResponse.BodyHandlers.ofString()).sslSession().orElseThrow()
                .getPeerCertificates()[0]).isEqualTo(first.certificate());
    }

    private java.util.List<String> messages(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
