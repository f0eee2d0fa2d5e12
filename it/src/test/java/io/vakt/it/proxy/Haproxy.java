package io.vakt.it.proxy;

import io.vakt.it.drivers.ChildProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real HAProxy (Debian's {@code /usr/sbin/haproxy}) terminating TLS in front of a plain-HTTP Vakt, run in the
 * foreground ({@code -db}) as a child process; stopped by {@link #close()}. The configuration is
 * {@code proxy/haproxy/haproxy.cfg}, the one {@code docs/deploy/haproxy.md} shows (DeployGuidesTest keeps them
 * identical), with the addresses, certificate and tunnel timeout filled in.
 */
public final class Haproxy implements AutoCloseable {
    static final String CONFIG_RESOURCE = "proxy/haproxy/haproxy.cfg";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;

    private final int port;
    private final int redirectPort;
    private final Path configFile;
    private final ChildProcess process;

    private Haproxy(int port, int redirectPort, Path configFile, ChildProcess process) {
        this.port = port;
        this.redirectPort = redirectPort;
        this.configFile = configFile;
        this.process = process;
    }

    /** {@code timeout tunnel} as given; TLS with the PEM (certificate chain and key concatenated, what HAProxy wants). */
    public static Haproxy startTls(Path workDir, int vaktPort, Path combinedPem, Duration tunnelTimeout) {
        ProxyPrerequisites.assumeHaproxy();
        Path dir = workDir.toAbsolutePath();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = ChildProcess.freePort();
            int redirectPort = ChildProcess.freePort();
            Path config = dir.resolve("haproxy.cfg");
            ProxyResources.write(config, configuration(port, redirectPort, vaktPort, combinedPem.toAbsolutePath(), tunnelTimeout));
            ChildProcess process = ChildProcess.start("haproxy",
                    List.of(ProxyPrerequisites.HAPROXY.toString(), "-db", "-f", config.toString()), dir);
            try {
                process.awaitListening(port, START_TIMEOUT, "");
                process.awaitListening(redirectPort, START_TIMEOUT, "");
                return new Haproxy(port, redirectPort, config, process);
            } catch (IllegalStateException e) {
                process.stop();
                last = e;
                if (!process.output().contains("cannot bind")) throw e;
            }
        }
        throw last;
    }

    static String configuration(int port, int redirectPort, int vaktPort, Path combinedPem, Duration tunnelTimeout) {
        return ProxyResources.text(CONFIG_RESOURCE)
                .replace("VAKT_TUNNEL_TIMEOUT", tunnelTimeout.toMillis() + "ms")
                .replace("VAKT_HTTPS_BIND", "127.0.0.1:" + port)
                .replace("VAKT_HTTP_BIND", "127.0.0.1:" + redirectPort)
                .replace("VAKT_CERTIFICATE", combinedPem.toString())
                .replace("VAKT_UPSTREAM", "127.0.0.1:" + vaktPort);
    }


    public int port() { return port; }

    /** {@code https://127.0.0.1:<port>}. */
    public String baseUrl() { return "https://127.0.0.1:" + port; }

    public String webSocketBaseUrl() { return "wss://127.0.0.1:" + port; }

    /** The plain-HTTP listener that redirects every request to HTTPS. */
    public String redirectingBaseUrl() { return "http://127.0.0.1:" + redirectPort; }

    public Path configFile() { return configFile; }

    /** HAProxy's own output: its request log lines and warnings (for failure messages). */
    public String log() { return process.output(); }

    @Override
    public void close() { process.stop(); }
}
