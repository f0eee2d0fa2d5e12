package io.vakt.it.proxy;

import io.vakt.it.drivers.ChildProcess;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's {@code /usr/sbin/nginx}) on 127.0.0.1 with a configuration of our making, run in the
 * foreground as a child process with its pid file, logs and temp folders inside the work folder; stopped by
 * {@link #close()}.
 *
 * <p>The server block given by a test is wrapped in a fixed {@code nginx.conf}; the harness adds one exact-match
 * location ({@code /__vakt-harness/generation}) that answers the number of the configuration, so
 * {@link #reconfigure} can tell when the reloaded configuration really serves (nginx answers from the old
 * workers for a moment after {@code -s reload}).
 */
public final class Nginx implements AutoCloseable {
    /** The seed page's configuration: its two WebSocket locations verbatim but for the upstream address, plus a
     *  plain {@code location /} (HTTP/1.0 to Vakt, no Upgrade headers) for the rest of the API and the web runtime. */
    public static final String SEED = ProxyResources.text("proxy/nginx/seed.conf") + "\n"
            + ProxyResources.text("proxy/nginx/plain-root.conf");
    /** As SEED, but without the /arrigo/api/wamp location (the WAMP upgrade then reaches Vakt without Upgrade headers → 426). */
    public static final String NO_WAMP_LOCATION = ProxyResources.text("proxy/nginx/no-wamp-location.conf");
    /** Only a plain {@code location /} that does not pass Upgrade/Connection: every WebSocket upgrade fails (426 from Vakt). */
    public static final String NO_UPGRADE = ProxyResources.text("proxy/nginx/no-upgrade.conf");
    /** nginx answers 404 itself for the two WebSocket paths (a proxy that does not route them). */
    public static final String NOT_ROUTED = ProxyResources.text("proxy/nginx/not-routed.conf");
    /** The TLS server body of docs/deploy/nginx.md: both WebSocket endpoints upgraded, forwarded headers, SSE unbuffered. */
    public static final String RECOMMENDED = ProxyResources.text("proxy/nginx/recommended.conf");
    /** The text in a server body that stands for Vakt's address. */
    public static final String UPSTREAM_PLACEHOLDER = "VAKT_UPSTREAM";

    static final String GENERATION_PATH = "/__vakt-harness/generation";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;

    private final Path workDir;
    private final int port;
    private final int vaktPort;
    private final Tls tls;
    private final ChildProcess process;
    private int generation;

    /** The listener's certificate and key, or null for plain HTTP. */
    private record Tls(Path certificatePem, Path keyPem) {}

    private Nginx(Path workDir, int port, int vaktPort, Tls tls, ChildProcess process, int generation) {
        this.workDir = workDir;
        this.port = port;
        this.vaktPort = vaktPort;
        this.tls = tls;
        this.process = process;
        this.generation = generation;
    }

    /**
     * Starts nginx with {@code serverBody} (the inside of a {@code server {}} block; {@value #UPSTREAM_PLACEHOLDER}
     * is replaced by {@code 127.0.0.1:<vaktPort>}), plain HTTP on a free loopback port. Returns once nginx answers.
     */
    public static Nginx start(Path workDir, String serverBody, int vaktPort) {
        return launch(workDir, serverBody, vaktPort, null);
    }

    /** The same with TLS on the listener (PEM chain and key files). */
    public static Nginx startTls(Path workDir, String serverBody, int vaktPort, Path certificatePem, Path keyPem) {
        return launch(workDir, serverBody, vaktPort, new Tls(certificatePem.toAbsolutePath(), keyPem.toAbsolutePath()));
    }

    private static Nginx launch(Path workDir, String serverBody, int vaktPort, Tls tls) {
        ProxyPrerequisites.assumeNginx();
        Path dir = prepare(workDir);
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = ChildProcess.freePort();
            writeConfig(dir, port, vaktPort, tls, serverBody, 1);
            ChildProcess process = ChildProcess.start("nginx", List.of(ProxyPrerequisites.NGINX.toString(),
                    "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("error.log").toString(), "-g", "daemon off;"), dir);
            Nginx nginx = new Nginx(dir, port, vaktPort, tls, process, 1);
            try {
                process.awaitListening(port, START_TIMEOUT, nginx.errorLogText());
                nginx.awaitGeneration(1);
                return nginx;
            } catch (IllegalStateException e) {
                nginx.close();
                last = e;
                // another test took the port between our probe and nginx's bind: try another one
                if (!nginx.errorLogText().contains("Address already in use")) throw e;
            }
        }
        throw last;
    }

    private static Path prepare(Path workDir) {
        Path dir = workDir.toAbsolutePath();
        try {
            for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
                Files.createDirectories(dir.resolve("temp").resolve(temp));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare nginx folder " + dir, e);
        }
        return dir;
    }

    private static void writeConfig(Path dir, int port, int vaktPort, Tls tls, String serverBody, int generation) {
        String listen = tls == null
                ? "listen 127.0.0.1:" + port + ";"
                : "listen 127.0.0.1:" + port + " ssl;\n    ssl_certificate " + tls.certificatePem()
                        + ";\n    ssl_certificate_key " + tls.keyPem() + ";";
        String body = serverBody.replace(UPSTREAM_PLACEHOLDER, "127.0.0.1:" + vaktPort);
        String config = ProxyResources.text("proxy/nginx/nginx.conf.template")
                .replace("@DIR@", dir.toString())
                .replace("@LISTEN@", listen)
                .replace("@GENERATION_PATH@", GENERATION_PATH)
                .replace("@GENERATION@", Integer.toString(generation))
                .replace("@SERVER_BODY@", indent(body));
        try {
            Files.writeString(dir.resolve("nginx.conf"), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write nginx.conf in " + dir, e);
        }
    }

    private static String indent(String body) {
        return body.strip().lines().map(line -> line.isBlank() ? "" : "    " + line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    public int port() { return port; }

    /** {@code http://127.0.0.1:<port>} or {@code https://127.0.0.1:<port>}. */
    public String baseUrl() { return (tls == null ? "http" : "https") + "://127.0.0.1:" + port; }

    /** {@code ws://} or {@code wss://} with the same authority. */
    public String webSocketBaseUrl() { return (tls == null ? "ws" : "wss") + "://127.0.0.1:" + port; }

    public Path errorLog() { return workDir.resolve("error.log"); }

    public Path accessLog() { return workDir.resolve("access.log"); }

    /** The configuration nginx runs now (for failure messages). */
    public Path configFile() { return workDir.resolve("nginx.conf"); }

    /**
     * Replaces the server block and reloads nginx ({@code nginx -s reload}) on the same port; returns once the new
     * config serves. As with any nginx reload, connections opened before it (an HTTP client's kept-alive one, an open
     * WebSocket) stay with the old worker and the old configuration: use new connections.
     */
    public synchronized void reconfigure(String serverBody) {
        int next = generation + 1;
        writeConfig(workDir, port, vaktPort, tls, serverBody, next);
        List<ProcessHandle> oldWorkers = process.children();
        try {
            Process reload = new ProcessBuilder(ProxyPrerequisites.NGINX.toString(), "-p", workDir.toString(),
                    "-c", configFile().toString(), "-e", errorLog().toString(), "-s", "reload")
                    .redirectErrorStream(true).start();
            String output = new String(reload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!reload.waitFor(15, TimeUnit.SECONDS) || reload.exitValue() != 0) {
                throw new IllegalStateException("nginx -s reload failed: " + output + errorLogText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run nginx -s reload", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        awaitOldWorkersGone(oldWorkers);
        awaitGeneration(next);
        generation = next;
    }

    /**
     * After a reload the old workers stop accepting, but for a moment both old and new ones take connections from
     * the shared listening socket, so one probe answering the new configuration proves little. An old worker with
     * nothing open exits at once; one that still carries a WebSocket lives on (it no longer accepts), so the wait
     * is bounded.
     */
    private static void awaitOldWorkersGone(List<ProcessHandle> oldWorkers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (oldWorkers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - deadline < 0) {
            ChildProcess.pause(Duration.ofMillis(20));
        }
    }

    /** Polls the harness location until it answers this configuration's number (nginx rejects a bad config and keeps the old one). */
    private void awaitGeneration(int expected) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) break;
            try {
                last = probeGeneration();
                if (last.equals(Integer.toString(expected))) return;
            } catch (IOException e) {
                last = e.toString();
            }
            ChildProcess.pause(Duration.ofMillis(50));
        }
        throw new IllegalStateException("nginx does not serve configuration " + expected + " (last answer: " + last
                + ")\n" + process.output() + errorLogText());
    }

    private String probeGeneration() throws IOException {
        try (Socket socket = tls == null ? new Socket(InetAddress.getLoopbackAddress(), port) : trustingTlsSocket()) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(("GET " + GENERATION_PATH + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int bodyStart = response.indexOf("\r\n\r\n");
            return bodyStart < 0 ? response : response.substring(bodyStart + 4).strip();
        }
    }

    /** The probe only reads our own marker, so it accepts whatever certificate the test gave nginx. */
    private Socket trustingTlsSocket() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustEverything()}, null);
            return context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS context for the probe", e);
        }
    }

    private static final class TrustEverything implements X509TrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    /** The error log's text, headed for a failure message; empty when there is none. */
    public String errorLogText() {
        try {
            return Files.exists(errorLog()) ? "\n--- nginx error.log ---\n" + Files.readString(errorLog()) : "";
        } catch (IOException e) {
            return "\n(cannot read " + errorLog() + ")";
        }
    }

    @Override
    public void close() { process.stop(); }
}
