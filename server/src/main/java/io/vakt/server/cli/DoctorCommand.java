package io.vakt.server.cli;

import io.vakt.server.doctor.ConsoleReport;
import io.vakt.server.doctor.Credentials;
import io.vakt.server.doctor.Doctor;
import io.vakt.server.doctor.DoctorOptions;
import io.vakt.server.doctor.DoctorReport;
import io.vakt.server.doctor.DoctorTarget;
import io.vakt.server.doctor.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vakt doctor URL}: checks, step by step, what stands between a client and a Vakt server — name, TCP, TLS,
 * HTTP API, sign-in, both WebSocket upgrades, subprotocols, a live value, a WAMP call, and optionally idle
 * sessions — and names the cause and fix of each failure (docs/doctor.md). Exit status 0 only when all passed.
 */
@Command(name = "doctor", description = "Check that a Vakt server works from here, step by step, and say what to fix.",
        footerHeading = "%nExit status:%n",
        footer = {"  0  every check passed (warnings allowed)",
                "  1  a check failed",
                "  2  the command line is wrong",
                "  3  nothing failed, but some checks could not run (e.g. no credentials)",
                "",
                "Examples:",
                "  vakt doctor https://bms.example.com --user alice --password-stdin < pw.txt",
                "  vakt doctor https://bms.example.com/arrigo --token \"$AT\" --idle 90 --json",
                "Every check, its causes and fixes: docs/doctor.md"})
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "What users open: https://host, https://host/arrigo or https://host/arrigo/api")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "Sign in as this user (with --password or --password-stdin)")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The user's password (visible to other local users in the process list: prefer --password-stdin)")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input")
    boolean passwordStdin;

    @Option(names = "--token", paramLabel = "ACCESS_TOKEN", description = "Use this access token instead of signing in")
    String token;

    @Option(names = "--json", description = "Print one JSON document with every step, and nothing else")
    boolean json;

    @Option(names = "--idle", paramLabel = "SECONDS", description = "Also keep both WebSocket sessions quiet this long, then prove they live")
    int idleSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Limit of each network wait (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = (int) DoctorOptions.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--trust", paramLabel = "PEM_FILE", description = "Also trust the CA certificate(s) in this file (a company CA); repeatable")
    List<Path> trust = new ArrayList<>();

    private final CliContext context;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        DoctorOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        DoctorReport report;
        if (json) {
            report = new Doctor(options, Progress.SILENT).run();
            out.println(report.toJson());
        } else {
            ConsoleReport console = new ConsoleReport(out);
            console.header(options.target());
            report = new Doctor(options, console).run();
            console.summary(report);
        }
        out.flush();
        return report.exitCode();
    }

    DoctorOptions options() {
        DoctorTarget target;
        try {
            target = DoctorTarget.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (timeoutSeconds <= 0) throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        if (idleSeconds < 0) throw new ParameterException(spec.commandLine(), "--idle must not be negative");
        return new DoctorOptions(target, credentials(), Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(idleSeconds),
                trustedCertificates());
    }

    private Credentials credentials() {
        if (token != null && (user != null || password != null || passwordStdin)) {
            throw new ParameterException(spec.commandLine(), "give either --token or --user with a password, not both");
        }
        if (token != null) {
            if (token.isBlank()) throw new ParameterException(spec.commandLine(), "--token is empty");
            return new Credentials.Token(token.strip());
        }
        if (password != null && passwordStdin) {
            throw new ParameterException(spec.commandLine(), "give either --password or --password-stdin, not both");
        }
        if (user == null) {
            if (password != null || passwordStdin) throw new ParameterException(spec.commandLine(), "a password needs --user NAME");
            return new Credentials.None();
        }
        if (password == null && !passwordStdin) {
            throw new ParameterException(spec.commandLine(), "--user needs --password-stdin (or --password)");
        }
        String secret = passwordStdin ? new String(Passwords.fromStdin(context.stdin())) : password;
        return new Credentials.Password(user, secret);
    }

    private List<X509Certificate> trustedCertificates() {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : trust) {
            Path resolved = context.workingDirectory().resolve(file);
            try (InputStream in = Files.newInputStream(resolved)) {
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    certificates.add((X509Certificate) certificate);
                }
            } catch (IOException | CertificateException e) {
                throw new ParameterException(spec.commandLine(), "--trust " + file + ": cannot read PEM certificates ("
                        + e.getMessage() + ")");
            }
            if (certificates.isEmpty()) throw new ParameterException(spec.commandLine(), "--trust " + file + " holds no certificate");
        }
        return certificates;
    }
}
