package io.vakt.server.tls;

import io.vakt.server.config.VaktConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTPS side of the main listener: the loaded certificate, its report, and reloading it without a restart.
 *
 * <p>Every {@code HttpVerticle} instance has its own {@link HttpServer}; each registers here, and a reload updates
 * all of them ({@code updateSSLOptions}): new connections get the new certificate, open ones keep theirs.
 *
 * <p>Checking runs on the server's scheduler thread, never on an event loop: it reads and hashes files.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final VaktConfig.Tls settings;
    private final Clock clock;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private volatile Loaded current;
    private volatile FileStamps lastSeen;
    private volatile FileStamps lastFailure;
    private volatile ScheduledFuture<?> checking;

    /** One loaded certificate with the options made of it. */
    private record Loaded(TlsMaterial material, CertificateReport report, ServerSSLOptions options) {}

    private ServerTls(VaktConfig.Tls settings, Clock clock, FileStamps stamps) {
        this.settings = settings;
        this.clock = clock;
        this.lastSeen = stamps;
    }

    /** Loads and checks the configured files (blocking); a problem is a {@link TlsSetupException} naming the file. */
    public static ServerTls load(VaktConfig.Tls settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        if (!settings.enabled()) throw new IllegalArgumentException("TLS is not configured");
        FileStamps stamps = FileStamps.of(CertificateLoader.files(settings));
        ServerTls tls = new ServerTls(settings, clock, stamps);
        tls.current = tls.prepare(CertificateLoader.load(settings));
        return tls;
    }

    private Loaded prepare(TlsMaterial material) {
        CertificateReport report = CertificateReport.of(material.chain(), settings.hostName(), settings.expiryWarning(),
                clock.instant(), CertificateReport.jdkTrustAnchors());
        ServerSSLOptions options = new ServerSSLOptions()
                .setKeyCertOptions(material.keyCertOptions())
                .setUseAlpn(false);
        return new Loaded(material, report, options);
    }

    /**
     * Turns HTTPS on in a listener's options. HTTP/1.1 only, no ALPN: the WebSocket endpoints need the HTTP/1.1
     * Upgrade handshake (Vert.x does not serve WebSockets over HTTP/2, RFC 8441), and offering h2 would put the
     * web runtime's requests and its WebSocket on two different protocols and connections for no gain here; the
     * browser's six-connections-per-host limit is what graphql-sse's single connection mode is for.
     */
    public HttpServerOptions apply(HttpServerOptions options) {
        Loaded loaded = current;
        return options.setSsl(true).setUseAlpn(false).setKeyCertOptions(loaded.material().keyCertOptions());
    }

    /**
     * Registers a listener for reloads. Called by each listener instance once it listens: if a reload happened
     * between building its options and this call, the instance is brought up to date here.
     */
    public Future<Boolean> register(HttpServer server, X509CertificateIdentity usedCertificate) {
        servers.add(server);
        Loaded loaded = current;
        if (!X509CertificateIdentity.of(loaded.material().certificate()).equals(usedCertificate)) {
            return server.updateSSLOptions(loaded.options(), true);
        }
        return Future.succeededFuture(false);
    }

    public void unregister(HttpServer server) {
        servers.remove(server);
    }

    /** The certificate new listeners are built with, to pass back to {@link #register}. */
    public X509CertificateIdentity currentIdentity() {
        return X509CertificateIdentity.of(current.material().certificate());
    }

    public CertificateReport report() { return current.report(); }

    public TlsMaterial material() { return current.material(); }

    public VaktConfig.Tls settings() { return settings; }

    public Map<String, Object> sysinfo() { return current.report().toMap(); }

    /** Logs the certificate and its findings; called once at start-up. */
    public void logLoaded(String verb) {
        CertificateReport report = current.report();
        log.info("TLS certificate {}: {}, valid until {} (from {})", verb, report.subject(),
                report.notAfter().truncatedTo(ChronoUnit.SECONDS), current.material().source());
        report.findings().forEach(finding -> log.warn("TLS certificate: {} {}", finding.message(), finding.fix()));
    }

    /** Checks the files every {@code tls.reloadInterval} (0 = never) on {@code scheduler}. */
    public void startReloading(ScheduledExecutorService scheduler) {
        Duration interval = settings.reloadInterval();
        if (interval == null || interval.isZero() || interval.isNegative()) return;
        long millis = Math.max(100, interval.toMillis());
        checking = scheduler.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            checkNow().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("TLS certificate check failed: {}", e.toString());
        }
    }

    /**
     * Compares the files with what was loaded (size, modification time, content hash); on a change loads and
     * checks them and updates every listener. A broken new file keeps the old certificate and logs, once per
     * broken version, which file and why. Blocking: call off the event loops.
     *
     * @return completes with true once the listeners serve a newly loaded certificate, false when nothing changed
     *         or the new files were refused
     */
    public synchronized Future<Boolean> checkNow() {
        FileStamps stamps = FileStamps.of(CertificateLoader.files(settings));
        if (stamps.equals(lastSeen) || stamps.equals(lastFailure)) return Future.succeededFuture(false);
        Loaded loaded;
        try {
            loaded = prepare(CertificateLoader.load(settings));
        } catch (TlsSetupException e) {
            lastFailure = stamps;
            log.error("TLS certificate not reloaded, still serving {} (valid until {}): {}", current.report().subject(),
                    current.report().notAfter().truncatedTo(ChronoUnit.SECONDS), e.getMessage());
            return Future.succeededFuture(false);
        }
        current = loaded;
        lastSeen = stamps;
        lastFailure = null;
        List<Future<Boolean>> updates = new ArrayList<>();
        for (HttpServer server : servers) updates.add(server.updateSSLOptions(loaded.options(), true));
        return Future.all(updates).map(done -> {
            logLoaded("reloaded");
            return true;
        });
    }

    @Override
    public void close() {
        ScheduledFuture<?> task = checking;
        if (task != null) task.cancel(false);
        servers.clear();
    }
}
