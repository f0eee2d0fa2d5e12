package io.vakt.server.http.proxy;

import io.netty.util.NetUtil;
import io.vakt.server.net.Cidr;

import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One hop of a forwarding chain as a proxy reported it (RFC 7239 §6): an IP address, an obfuscated identifier
 * ({@code _hidden}) or {@code unknown}. Only an IP address can be a trusted proxy; the other two end the walk.
 */
public sealed interface ForwardedNode {
    /** As shown in logs and diagnostics: the address in its canonical form, or the identifier as sent. */
    String text();

    /** An IP address; IPv6 in RFC 5952 form, IPv4-mapped IPv6 as IPv4, so one client has one key in the throttle. */
    record Ip(InetAddress address) implements ForwardedNode {
        @Override
        public String text() { return canonical(address); }
    }

    /** RFC 7239 obfnode: a proxy that hides the address but keeps hops of one client apart. */
    record Obfuscated(String label) implements ForwardedNode {
        @Override
        public String text() { return label; }
    }

    /** The proxy did not know (or would not say) who connected to it. */
    record Unknown() implements ForwardedNode {
        @Override
        public String text() { return "unknown"; }
    }

    Pattern OBFUSCATED = Pattern.compile("_[A-Za-z0-9._-]+");
    Pattern PORT = Pattern.compile("\\d{1,5}|_[A-Za-z0-9._-]+");

    /**
     * Parses a node as found in {@code X-Forwarded-For} or a {@code for=} parameter: {@code 192.0.2.1},
     * {@code 192.0.2.1:4711}, {@code 2001:db8::1}, {@code [2001:db8::1]:4711}, {@code _abc}, {@code unknown}. Ports
     * are dropped: a client's source port says nothing about who it is. Never resolves a name (no DNS).
     *
     * @return empty when the text is none of these
     */
    static Optional<ForwardedNode> parse(String raw) {
        String text = raw.strip();
        if (text.equalsIgnoreCase("unknown")) return Optional.of(new Unknown());
        if (OBFUSCATED.matcher(text).matches()) return Optional.of(new Obfuscated(text));
        String address = text;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) return Optional.empty();
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) return Optional.empty();
            address = text.substring(1, close);
            if (!NetUtil.isValidIpV6Address(address)) return Optional.empty();
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            // one colon: IPv4 with a port (an IPv6 address has at least two)
            int colon = text.indexOf(':');
            if (!PORT.matcher(text.substring(colon + 1)).matches()) return Optional.empty();
            address = text.substring(0, colon);
            if (!NetUtil.isValidIpV4Address(address)) return Optional.empty();
        } else if (!NetUtil.isValidIpV4Address(address) && !NetUtil.isValidIpV6Address(address)) {
            return Optional.empty();
        }
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
        return parsed == null ? Optional.empty() : Optional.of(new Ip(parsed));
    }

    /** The canonical text of an address (IPv4 dotted, IPv6 compressed lower-case without zone). */
    static String canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        return new Cidr(bytes, bytes.length * 8).toString();
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) if (address[i] != 0) return false;
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }
}
