package io.vakt.server.doctor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Step 3: a TLS handshake with the server, then the certificate judged on its own ({@link CertificateFindings}).
 * After a certificate problem the later checks still run, trusting exactly the certificate seen, so one run shows
 * everything that is wrong.
 */
final class TlsCheck {
    static final String NAME = "TLS";

    private TlsCheck() {}

    static StepResult run(RunContext run) {
        DoctorTarget target = run.target();
        if (!target.tls()) {
            run.tls = null;
            return StepResult.notApplicable(NAME, "plain http: no TLS (passwords and tokens travel readable; use https towards the internet)");
        }
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        SSLContext capturing = Trust.capturing(seen);
        int timeout = (int) run.options.timeout().toMillis();
        String protocol;
        String cipher;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(run.reachable, target.port()), timeout);
            plain.setSoTimeout(timeout);
            // the host name (not the address) goes into SNI, as a browser sends it
            try (SSLSocket socket = (SSLSocket) capturing.getSocketFactory().createSocket(plain,
                    target.hostIsAddress() ? run.reachable.getHostAddress() : target.host(), target.port(), false)) {
                socket.startHandshake();
                SSLSession session = socket.getSession();
                protocol = session.getProtocol();
                cipher = session.getCipherSuite();
            }
        } catch (SocketTimeoutException e) {
            run.transportUsable = false;
            return StepResult.fail(NAME, "the TLS handshake did not finish within " + run.options.timeout().toSeconds() + " s",
                    "something holds the connection without speaking TLS (a firewall with TLS inspection, or a server that does not speak TLS on this port)",
                    "check what listens on port " + target.port());
        } catch (SSLHandshakeException e) {
            run.transportUsable = false;
            return handshakeFailure(target, e);
        } catch (SSLException e) {
            run.transportUsable = false;
            String message = String.valueOf(e.getMessage());
            if (message.contains("plaintext") || message.contains("Unsupported or unrecognized SSL message")) {
                return StepResult.fail(NAME, "the port answers plain HTTP, not TLS",
                        "port " + target.port() + " speaks plain HTTP",
                        "use http://" + target.host() + ":" + target.port() + ", or turn on TLS there (Vakt: tls.certificate and tls.key)");
            }
            return handshakeFailure(target, e);
        } catch (IOException e) {
            run.transportUsable = false;
            return StepResult.fail(NAME, "the connection broke during the TLS handshake: " + DoctorText.describe(e),
                    "the server or a firewall closes TLS connections from this machine",
                    "check the server's TLS configuration and firewall logs");
        }
        List<X509Certificate> chain = Arrays.asList(seen.get());
        Instant now = Instant.now();
        List<CertificateFindings.Problem> problems = CertificateFindings.problems(chain, target.host(),
                Trust.anchors(run.options.extraTrusted()), now);
        X509Certificate leaf = chain.getFirst();
        String detail = protocol + ", " + cipher + "; certificate " + leaf.getSubjectX500Principal().getName()
                + ", issued by " + leaf.getIssuerX500Principal().getName() + ", valid until " + leaf.getNotAfter().toInstant()
                + ", chain of " + chain.size();
        if (!problems.isEmpty()) {
            run.tls = Trust.pinned(leaf);
            String causes = problems.stream().map(CertificateFindings.Problem::cause).collect(Collectors.joining("; "));
            String fixes = problems.stream().map(CertificateFindings.Problem::fix).collect(Collectors.joining("\n"));
            return StepResult.fail(NAME, detail + " (the later checks trust this certificate for this run only, to find everything else)",
                    causes, fixes);
        }
        run.tls = Trust.verifying(run.options.extraTrusted());
        return CertificateFindings.expiresSoon(leaf, now)
                .map(soon -> StepResult.warn(NAME, detail, soon, "renew it before then (Vakt reloads tls.certificate by itself)"))
                .orElseGet(() -> StepResult.ok(NAME, detail));
    }

    private static StepResult handshakeFailure(DoctorTarget target, SSLException e) {
        return StepResult.fail(NAME, "the TLS handshake failed: " + DoctorText.describe(e),
                "the server and this client agree on no TLS version or cipher (old servers offer only TLS 1.0/1.1), "
                        + "or the server has no certificate for the name " + target.host(),
                "offer TLS 1.2 or 1.3 with a certificate for " + target.host());
    }
}
