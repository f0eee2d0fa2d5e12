package io.vakt.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An address range such as {@code 10.0.0.0/8} or {@code ::1/128}, or one address (a full-length prefix). Used for
 * the trusted-proxy list. Only literal addresses are accepted: a host name would make trust depend on DNS.
 *
 * @param network the address with the bits beyond the prefix cleared
 * @param prefix  the number of leading bits that must match
 */
public record Cidr(byte[] network, int prefix) {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+(%[\\w.]+)?");

    public Cidr {
        network = network.clone();
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static Cidr parse(String text) {
        String stripped = text.strip();
        int slash = stripped.indexOf('/');
        String address = slash < 0 ? stripped : stripped.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) address = address.substring(1, address.length() - 1);
        if (!LITERAL.matcher(address).matches() || !(address.contains(".") || address.contains(":"))) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or range (e.g. 10.0.0.5, 10.0.0.0/8, ::1)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or range (e.g. 10.0.0.5, 10.0.0.0/8, ::1)");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(stripped.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0–" + bits);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    /** Whether {@code address} lies in this range; IPv4-mapped IPv6 addresses count as their IPv4 address. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether the raw address (4 or 16 bytes) lies in this range. */
    public boolean contains(byte[] address) {
        byte[] candidate = address;
        if (candidate.length == 16 && network.length == 4 && isIpv4Mapped(candidate)) {
            candidate = Arrays.copyOfRange(candidate, 12, 16);
        }
        if (candidate.length != network.length) return false;
        return Arrays.equals(mask(candidate, prefix), network);
    }

    /** As written in configuration: {@code 10.0.0.0/8}, or the bare address for a single one. */
    @Override
    public String toString() {
        try {
            String address = network.length == 4 ? InetAddress.getByAddress(network).getHostAddress() : compressed(network);
            return prefix == network.length * 8 ? address : address + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefix == that.prefix && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(network) + prefix; }

    /** RFC 5952 form: lower-case hex groups, the longest run of two or more zero groups written {@code ::}. */
    private static String compressed(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            text.append(Integer.toHexString(groups[i]));
            if (i < 7) text.append(':');
        }
        return text.toString();
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) if (address[i] != 0) return false;
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }
}
