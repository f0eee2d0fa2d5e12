package io.vakt.server.cli;

import io.vakt.server.VaktServer;
import io.vakt.server.tls.CertificateFinding;
import io.vakt.server.tls.CertificateReport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code vakt serve} prints once the server listens: where to point a browser or client, what runs, where
 * its data is, and on the first start the admin password, framed so it is not lost among log lines.
 */
final class StartupBanner {
    private static final String ADMIN_COMMAND = "vakt user passwd admin";

    private StartupBanner() {}

    /**
     * The HTTPS side of the banner.
     *
     * @param redirectPort the plain-HTTP port that redirects to HTTPS, 0 for none
     * @param certificate  what the served certificate is and what is wrong with it
     */
    record Https(int redirectPort, CertificateReport certificate) {}

    /** The banner of a running server. */
    static String render(VaktServer server, Path dataDir, List<String> lanAddresses) {
        return render(server.host(), server.port(), server.projectSummary(), dataDir, server.initialAdminPassword(),
                lanAddresses, server.tls().map(tls -> new Https(server.redirectPort(), tls.report())));
    }

    /** A plain-HTTP server's banner. */
    static String render(String host, int port, String projectSummary, Path dataDir, Optional<String> adminPassword,
                         List<String> lanAddresses) {
        return render(host, port, projectSummary, dataDir, adminPassword, lanAddresses, Optional.empty());
    }

    /**
     * @param lanAddresses this machine's non-loopback IPv4 addresses, listed when listening on every interface
     * @param https        present when the listener serves HTTPS: the URLs become https:// and wss://, and the
     *                     certificate's findings are shown where an operator starting the server looks
     */
    static String render(String host, int port, String projectSummary, Path dataDir, Optional<String> adminPassword,
                         List<String> lanAddresses, Optional<Https> https) {
        boolean everyInterface = isWildcard(host);
        String hostName = everyInterface ? "localhost" : urlHost(host);
        String authority = hostName + ":" + port;
        String web = https.isPresent() ? "https://" : "http://";
        String socket = https.isPresent() ? "wss://" : "ws://";
        StringBuilder out = new StringBuilder();
        out.append("Vakt is running. Stop it with Ctrl+C.\n");
        line(out, "Web runtime", web + authority + "/arrigo/");
        line(out, "API explorer", web + authority + "/arrigo/api/");
        line(out, "GraphQL", web + authority + "/arrigo/api/graphql");
        line(out, "WebSocket", socket + authority + "/arrigo/api/graphql/ws");
        line(out, "WAMP", socket + authority + "/arrigo/api/wamp");
        if (everyInterface && !lanAddresses.isEmpty()) {
            line(out, "Also on", String.join(", ", lanAddresses) + " (port " + port + ")");
        }
        https.ifPresent(secure -> certificate(out, hostName, secure));
        line(out, "Project", projectSummary);
        line(out, "Data folder", dataDir.toString());
        adminPassword.ifPresent(password -> frame(out, List.of(
                "First start: created user admin with password " + password,
                "It is shown only this once; change it with `" + ADMIN_COMMAND + "`")));
        return out.toString();
    }

    private static void certificate(StringBuilder out, String hostName, Https https) {
        if (https.redirectPort() != 0) {
            line(out, "Redirect", "http://" + hostName + ":" + https.redirectPort() + "/ goes to HTTPS");
        }
        CertificateReport report = https.certificate();
        line(out, "Certificate", report.subject() + ", valid until " + report.notAfter().toString().substring(0, 10)
                + " (" + report.daysLeft() + " days)");
        for (CertificateFinding finding : report.findings()) {
            out.append("  ! ").append(finding.message()).append('\n');
            out.append("    Fix: ").append(finding.fix()).append('\n');
        }
    }

    /** The non-loopback IPv4 addresses of the interfaces that are up; empty if they cannot be listed. */
    static List<String> lanAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (InetAddress address : nic.inetAddresses().toList()) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        addresses.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // the banner is a convenience; the URLs above still hold
            return List.of();
        }
        return addresses;
    }

    static boolean isWildcard(String host) {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(label).append(" ".repeat(Math.max(1, 14 - label.length()))).append(value).append('\n');
    }

    private static void frame(StringBuilder out, List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "  +" + "-".repeat(width + 2) + "+\n";
        out.append('\n').append(rule);
        for (String text : lines) out.append("  | ").append(text).append(" ".repeat(width - text.length())).append(" |\n");
        out.append(rule);
    }
}
