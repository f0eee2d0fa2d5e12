package io.vakt.server.cli;

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
     * @param lanAddresses this machine's non-loopback IPv4 addresses, listed when listening on every interface
     */
    static String render(String host, int port, String projectSummary, Path dataDir, Optional<String> adminPassword,
                         List<String> lanAddresses) {
        boolean everyInterface = isWildcard(host);
        String authority = (everyInterface ? "localhost" : urlHost(host)) + ":" + port;
        StringBuilder out = new StringBuilder();
        out.append("Vakt is running. Stop it with Ctrl+C.\n");
        line(out, "Web runtime", "http://" + authority + "/arrigo/");
        line(out, "API explorer", "http://" + authority + "/arrigo/api/");
        line(out, "GraphQL", "http://" + authority + "/arrigo/api/graphql");
        line(out, "WebSocket", "ws://" + authority + "/arrigo/api/graphql/ws");
        line(out, "WAMP", "ws://" + authority + "/arrigo/api/wamp");
        if (everyInterface && !lanAddresses.isEmpty()) {
            line(out, "Also on", String.join(", ", lanAddresses) + " (port " + port + ")");
        }
        line(out, "Project", projectSummary);
        line(out, "Data folder", dataDir.toString());
        adminPassword.ifPresent(password -> frame(out, List.of(
                "First start: created user admin with password " + password,
                "It is shown only this once; change it with `" + ADMIN_COMMAND + "`")));
        return out.toString();
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
