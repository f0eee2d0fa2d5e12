package io.vakt.server.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Steps 1 and 2: does the name resolve, and does anything accept TCP on the port at each address. */
final class NetworkChecks {
    static final String RESOLVE = "Name resolution";
    static final String TCP = "TCP connection";

    private NetworkChecks() {}

    static StepResult resolve(RunContext run) throws InterruptedException {
        DoctorTarget target = run.target();
        if (target.hostIsAddress()) {
            run.addresses = List.of(literal(target.host()));
            return StepResult.notApplicable(RESOLVE, target.host() + " is an address; nothing to resolve");
        }
        // the JDK's resolver has no timeout of its own: wait for it on another thread
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(target.host());
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            run.addresses = Arrays.asList(lookup.get(run.options.timeout().toMillis(), TimeUnit.MILLISECONDS));
            return StepResult.ok(RESOLVE, target.host() + " → " + join(run.addresses));
        } catch (TimeoutException e) {
            return StepResult.fail(RESOLVE, "no answer from DNS within " + run.options.timeout().toSeconds() + " s",
                    "the DNS server of this machine does not answer", "check this machine's DNS settings (/etc/resolv.conf)");
        } catch (ExecutionException e) {
            return StepResult.fail(RESOLVE, target.host() + " does not resolve",
                    "DNS knows no address for " + target.host() + " (a typo, or a name only the intranet's DNS knows)",
                    "check the spelling; users outside need a public DNS record for " + target.host());
        }
    }

    static StepResult connect(RunContext run) {
        int port = run.target().port();
        List<String> failures = new ArrayList<>();
        String firstKind = null;
        for (InetAddress address : run.addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), (int) run.options.timeout().toMillis());
                if (run.reachable == null) run.reachable = address;
            } catch (IOException e) {
                String kind = kind(e);
                if (firstKind == null) firstKind = kind;
                failures.add(hostPort(address, port) + " " + describe(kind));
            }
        }
        if (run.reachable == null) {
            String detail = String.join("; ", failures);
            return switch (firstKind == null ? "refused" : firstKind) {
                case "timeout" -> StepResult.fail(TCP, detail,
                        "no answer within " + run.options.timeout().toSeconds() + " s: a firewall drops the packets (or the host is down)",
                        "open port " + port + " towards the server in every firewall on the way (host firewall, router port forwarding)");
                case "unreachable" -> StepResult.fail(TCP, detail, "the network of the server cannot be reached from here",
                        "check routing or VPN between this machine and the server");
                default -> StepResult.fail(TCP, detail,
                        "nothing listens on port " + port + ", or a firewall rejects the connection",
                        "start Vakt (or the proxy in front of it) on port " + port + ", or open the port in the firewall");
            };
        }
        if (!failures.isEmpty()) {
            return StepResult.warn(TCP, hostPort(run.reachable, port) + " accepts; " + String.join("; ", failures),
                    "not every address of " + run.target().host() + " accepts connections: clients that pick a broken one wait or fail",
                    "remove the DNS records of addresses where the server does not listen, or make it listen there");
        }
        return StepResult.ok(TCP, run.addresses.size() == 1 ? hostPort(run.reachable, port) + " accepts connections"
                : "all " + run.addresses.size() + " addresses accept connections on port " + port);
    }

    private static String kind(IOException e) {
        if (e instanceof SocketTimeoutException) return "timeout";
        if (e instanceof NoRouteToHostException) return "unreachable";
        if (e instanceof ConnectException) return "refused";
        return "refused";
    }

    private static String describe(String kind) {
        return switch (kind) {
            case "timeout" -> "timed out";
            case "unreachable" -> "unreachable";
            default -> "refused";
        };
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    private static String join(List<InetAddress> addresses) {
        return String.join(", ", addresses.stream().map(InetAddress::getHostAddress).toList());
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + host, e);
        }
    }
}
