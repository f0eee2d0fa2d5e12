package io.vakt.server.cli;

import io.vakt.server.tls.CertificateReport;
import io.vakt.server.tls.IssuedCertificate;
import io.vakt.server.tls.SelfSignedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vakt cert …}: certificates for HTTPS. Today one command, {@code self-signed}, for trying HTTPS out and for
 * tests; its output says plainly why such a certificate must not face users.
 */
@Command(name = "cert", description = "Certificates for HTTPS: self-signed (for tests only).")
final class CertCommand implements Runnable {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a cert command (self-signed)");
    }

    /** {@code vakt cert self-signed --host NAME [--host NAME…] [--days N] [--out DIR] [--force]}. */
    @Command(name = "self-signed", sortOptions = false,
            description = "Write a self-signed certificate and key (DIR/cert.pem, DIR/key.pem) for trying HTTPS out."
                    + " Not for users: browsers warn, and may refuse WebSockets even after the warning is accepted.")
    static final class SelfSigned implements Callable<Integer> {
        static final String CERTIFICATE_FILE = "cert.pem";
        static final String KEY_FILE = "key.pem";
        private static final int MAX_DAYS = 825; // browsers refuse longer-lived server certificates

        private final CliContext context;

        @Option(names = "--host", paramLabel = "NAME", required = true,
                description = "Host name or IP address the certificate is for; repeat for more (e.g. --host vakt.local --host 192.168.1.20)")
        List<String> hosts = new ArrayList<>();

        @Option(names = "--days", paramLabel = "N", description = "Days the certificate is valid (default: ${DEFAULT-VALUE}, at most 825)")
        int days = 90;

        @Option(names = "--out", paramLabel = "DIR", description = "Folder for cert.pem and key.pem (default: ${DEFAULT-VALUE})")
        Path out = Path.of("tls");

        @Option(names = "--force", description = "Overwrite existing cert.pem/key.pem")
        boolean force;

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        SelfSigned(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<String> names = checkedHosts();
            if (days < 1 || days > MAX_DAYS) {
                throw new ParameterException(spec.commandLine(), "--days must be between 1 and " + MAX_DAYS + ", was " + days);
            }
            Path folder = context.workingDirectory().resolve(out).normalize();
            Path certificateFile = folder.resolve(CERTIFICATE_FILE);
            Path keyFile = folder.resolve(KEY_FILE);
            if (!force) {
                for (Path file : List.of(certificateFile, keyFile)) {
                    if (Files.exists(file)) {
                        throw new CliException(file + " already exists; pass --force to replace it, or --out another folder");
                    }
                }
            }
            IssuedCertificate issued = SelfSignedCertificate.create(names, Duration.ofDays(days));
            issued.writePem(certificateFile, keyFile);
            print(spec.commandLine().getOut(), issued, certificateFile, keyFile);
            return 0;
        }

        private List<String> checkedHosts() {
            LinkedHashSet<String> unique = new LinkedHashSet<>();
            for (String host : hosts) {
                String name = host.trim();
                if (name.startsWith("[") && name.endsWith("]")) name = name.substring(1, name.length() - 1);
                if (!isHostName(name) && !isIpv6Literal(name)) {
                    throw new ParameterException(spec.commandLine(), "--host '" + host + "' is not a host name or IP"
                            + " address (give only the name, e.g. --host vakt.example.com, no scheme, port or path)");
                }
                unique.add(name);
            }
            return List.copyOf(unique);
        }

        /** DNS names (a wildcard only as the whole first label) and IPv4 addresses. */
        private static boolean isHostName(String name) {
            return name.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?")
                    && name.length() <= 253;
        }

        private static boolean isIpv6Literal(String name) {
            if (!name.contains(":") || !name.matches("[0-9A-Fa-f:.]+")) return false;
            try {
                // a literal with ':' is parsed, never looked up in DNS
                return InetAddress.getByName(name) instanceof Inet6Address;
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static void print(PrintWriter out, IssuedCertificate issued, Path certificateFile, Path keyFile) {
            out.println("Wrote a self-signed certificate for " + String.join(", ", CertificateReport.alternativeNames(issued.certificate()))
                    + ", valid until " + issued.certificate().getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS) + ":");
            out.println("  " + certificateFile);
            out.println("  " + keyFile + " (readable only by you)");
            out.println();
            out.println("Use it with these two lines in vakt.yaml:");
            out.println("  tls.certificate: " + certificateFile);
            out.println("  tls.key: " + keyFile);
            out.println("(or --set tls.certificate=" + certificateFile + " --set tls.key=" + keyFile + ")");
            out.println();
            out.println("WARNING: for trying HTTPS out and for tests only; do not let users work with it.");
            out.println("  Browsers show a security warning for a self-signed certificate, and even after a user");
            out.println("  accepts it they may refuse the WebSocket connections (wss://) silently: the web runtime");
            out.println("  then loads but shows no live values.");
            out.println("  For users, get a certificate from a CA their browsers trust: your company's CA, or");
            out.println("  Let's Encrypt (ACME) through a proxy such as Caddy in front of Vakt (see docs/tls.md).");
            out.flush();
        }
    }
}
