package io.vakt.server.http.proxy;

import io.netty.util.NetUtil;
import io.vakt.server.net.Cidr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resolving the real client, scheme, host and port of a request from its peer and forwarding headers. */
class ProxyTrustTest {
    private final ProxyTrust trust = new ProxyTrust(List.of(Cidr.parse("127.0.0.1"), Cidr.parse("::1"), Cidr.parse("10.0.0.0/8")));

    @Test
    void withoutForwardingHeadersThePeerIsTheClientAndTheHostHeaderTheOrigin() {
        ForwardedRequest direct = resolve("192.0.2.10", false, "127.0.0.1:8080");

        assertThat(direct.clientAddress()).isEqualTo("192.0.2.10");
        assertThat(direct.chain()).containsExactly("192.0.2.10");
        assertThat(direct.viaTrustedProxy()).isFalse();
        assertThat(direct.untrustedForwardedHeaders()).isFalse();
        assertThat(direct.origin()).contains("http://127.0.0.1:8080");
        assertThat(resolve("192.0.2.10", true, "BMS.Example.com:443").origin()).contains("https://bms.example.com");
        assertThat(resolve("192.0.2.10", true, "bms.example.com").port()).isEqualTo(443);
        assertThat(resolve("192.0.2.10", false, "[::1]:8080").origin()).contains("http://[::1]:8080");
    }

    @Test
    void aTrustedProxysForwardedForNamesTheClient() {
        ForwardedRequest viaNginx = resolve("127.0.0.1", false, "bms.example.com", "X-Forwarded-For", "203.0.113.5",
                "X-Forwarded-Proto", "https");

        assertThat(viaNginx.clientAddress()).isEqualTo("203.0.113.5");
        assertThat(viaNginx.peer()).isEqualTo("127.0.0.1");
        assertThat(viaNginx.chain()).containsExactly("203.0.113.5", "127.0.0.1");
        assertThat(viaNginx.viaTrustedProxy()).isTrue();
        assertThat(viaNginx.origin()).contains("https://bms.example.com");
        assertThat(viaNginx.forwardedHeaders()).containsExactly(Map.entry("X-Forwarded-For", "203.0.113.5"),
                Map.entry("X-Forwarded-Proto", "https"));
    }

    @Test
    void aClientCannotSpoofByPrependingToForwardedFor() {
        // the client sent "X-Forwarded-For: 10.0.0.9, 1.1.1.1"; nginx appended the address it really saw
        ForwardedRequest spoofed = resolve("127.0.0.1", false, "bms", "X-Forwarded-For", "10.0.0.9, 1.1.1.1, 203.0.113.5");

        assertThat(spoofed.clientAddress()).isEqualTo("203.0.113.5");
        assertThat(spoofed.chain()).containsExactly("10.0.0.9", "1.1.1.1", "203.0.113.5", "127.0.0.1");
    }

    @Test
    void theWalkStepsPastEveryTrustedProxyToTheFirstOtherHop() {
        ForwardedRequest twoProxies = resolve("10.0.0.1", false, "bms", "X-Forwarded-For", "198.51.100.7, 10.0.0.2");
        assertThat(twoProxies.clientAddress()).isEqualTo("198.51.100.7");

        ForwardedRequest allTrusted = resolve("10.0.0.1", false, "bms", "X-Forwarded-For", "10.0.0.5, 10.0.0.2");
        assertThat(allTrusted.clientAddress()).as("a request started by a trusted proxy itself").isEqualTo("10.0.0.5");
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnoredButShown() {
        ForwardedRequest stranger = resolve("192.0.2.66", false, "bms:8080", "X-Forwarded-For", "203.0.113.5",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "bank.example");

        assertThat(stranger.clientAddress()).isEqualTo("192.0.2.66");
        assertThat(stranger.chain()).containsExactly("192.0.2.66");
        assertThat(stranger.viaTrustedProxy()).isFalse();
        assertThat(stranger.untrustedForwardedHeaders()).isTrue();
        assertThat(stranger.origin()).contains("http://bms:8080");
        assertThat(stranger.forwardedHeaders()).containsKeys("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");
    }

    @Test
    void forwardedWithIpv6PortsProtoAndHost() {
        ForwardedRequest request = resolve("::1", false, "127.0.0.1:8080",
                "Forwarded", "for=\"[2001:DB8:cafe::17]:4711\";proto=https;host=bms.example.com:8443");

        assertThat(request.clientAddress()).isEqualTo("2001:db8:cafe::17");
        assertThat(request.peer()).isEqualTo("::1");
        assertThat(request.origin()).contains("https://bms.example.com:8443");
    }

    @Test
    void forwardedWithSeveralElementsAndHeaderLinesIsOneChain() {
        ForwardedRequest request = resolve("127.0.0.1", false, "bms",
                "Forwarded", "for=192.0.2.43, for=198.51.100.17;by=10.0.0.2",
                "Forwarded", "for=10.0.0.2;proto=https");

        assertThat(request.chain()).containsExactly("192.0.2.43", "198.51.100.17", "10.0.0.2", "127.0.0.1");
        assertThat(request.clientAddress()).isEqualTo("198.51.100.17");
        assertThat(request.scheme()).as("from the nearest element").isEqualTo("https");
    }

    @Test
    void xForwardedForWinsOverForwardedWhenBothArePresent() {
        // the seed's nginx appends to X-Forwarded-For and passes the client's own Forwarded header through
        ForwardedRequest request = resolve("127.0.0.1", false, "bms", "X-Forwarded-For", "203.0.113.1",
                "X-Forwarded-Proto", "http", "Forwarded", "for=203.0.113.2;proto=https");

        assertThat(request.clientAddress()).as("a client cannot name itself with Forwarded").isEqualTo("203.0.113.1");
        assertThat(request.scheme()).isEqualTo("http");
        assertThat(resolve("127.0.0.1", false, "bms", "Forwarded", "for=203.0.113.2;proto=https").clientAddress())
                .as("Forwarded alone is believed").isEqualTo("203.0.113.2");
    }

    @Test
    void obfuscatedAndUnknownNodesEndTheWalk() {
        assertThat(resolve("127.0.0.1", false, "bms", "Forwarded", "for=_hidden-7, for=10.0.0.3").clientAddress())
                .isEqualTo("_hidden-7");
        assertThat(resolve("127.0.0.1", false, "bms", "Forwarded", "for=unknown").clientAddress()).isEqualTo("unknown");
        assertThat(resolve("127.0.0.1", false, "bms", "Forwarded", "proto=https").clientAddress())
                .as("an element without for= is an unknown hop").isEqualTo("unknown");
    }

    @Test
    void garbageIsIgnoredNeverFatal() {
        for (String garbage : List.of("not-an-address", "203.0.113.5,", "999.1.1.1", "203.0.113.5 203.0.113.6",
                "evil.example.com", "[2001:db8::1", "1.2.3.4:notaport", "")) {
            ForwardedRequest request = resolve("127.0.0.1", false, "bms", "X-Forwarded-For", garbage);
            assertThat(request.clientAddress()).as("X-Forwarded-For: %s", garbage).isEqualTo("127.0.0.1");
            assertThat(request.viaTrustedProxy()).as("X-Forwarded-For: %s", garbage).isFalse();
        }
        for (String garbage : List.of("for=\"[2001:db8::1]:4711", "for=evil.example", "for=1.2.3.4;for=5.6.7.8",
                "for 1.2.3.4", "for=1.2.3.4;proto=gopher", "for=1.2.3.4 for=5.6.7.8", "for=1.2.3.4;host=a/b")) {
            ForwardedRequest request = resolve("127.0.0.1", false, "bms", "Forwarded", garbage,
                    "X-Forwarded-For", "203.0.113.8");
            assertThat(request.clientAddress()).as("a malformed Forwarded falls back: %s", garbage).isEqualTo("203.0.113.8");
        }
        assertThat(resolve("127.0.0.1", false, "bms", "X-Forwarded-Proto", "javascript").scheme()).isEqualTo("http");
        assertThat(resolve("127.0.0.1", false, "bms", "X-Forwarded-Port", "99999").port()).isEqualTo(80);
    }

    @Test
    void portsOfClientsAreDroppedAndAddressesCanonical() {
        assertThat(resolve("127.0.0.1", false, "bms", "X-Forwarded-For", "203.0.113.5:51234").clientAddress()).isEqualTo("203.0.113.5");
        assertThat(resolve("127.0.0.1", false, "bms", "X-Forwarded-For", "2001:0db8:0:0:0:0:0:1").clientAddress()).isEqualTo("2001:db8::1");
        assertThat(resolve("127.0.0.1", false, "bms", "X-Forwarded-For", "[2001:db8::1]:4711").clientAddress()).isEqualTo("2001:db8::1");
        ForwardedRequest mapped = resolve("::ffff:127.0.0.1", false, "bms", "X-Forwarded-For", "203.0.113.5");
        assertThat(mapped.peer()).isEqualTo("127.0.0.1");
        assertThat(mapped.clientAddress()).as("an IPv4-mapped trusted peer is trusted").isEqualTo("203.0.113.5");
    }

    @Test
    void hostAndPortComeFromTheNearestTrustedHop() {
        assertThat(resolve("127.0.0.1", false, "127.0.0.1:8080", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "bms.example.com").origin()).contains("https://bms.example.com");
        assertThat(resolve("127.0.0.1", false, "127.0.0.1:8080", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "bms.example.com", "X-Forwarded-Port", "8443").origin()).contains("https://bms.example.com:8443");
        assertThat(resolve("127.0.0.1", false, "127.0.0.1:8080", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
                "outer.example, bms.example.com").host()).as("the last (nearest) value").isEqualTo("bms.example.com");
        assertThat(resolve("127.0.0.1", false, "bms.example.com", "X-Forwarded-Proto", "https").origin())
                .as("nginx's Host $host with only the scheme forwarded").contains("https://bms.example.com");
    }

    /** Resolves a request from {@code peer} with the given Host and header name/value pairs (a name may repeat). */
    private ForwardedRequest resolve(String peer, boolean tls, String host, String... headers) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            lines.computeIfAbsent(headers[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(headers[i + 1]);
        }
        return trust.resolve(new ProxyTrust.RequestFacts(NetUtil.createInetAddressFromIpAddressString(peer), tls, host,
                8080, name -> lines.getOrDefault(name.toLowerCase(Locale.ROOT), List.of())));
    }
}
