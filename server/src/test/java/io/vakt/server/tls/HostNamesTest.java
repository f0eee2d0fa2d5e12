package io.vakt.server.tls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostNamesTest {
    @Test
    void ipLiterals() {
        assertThat(HostNames.isIpLiteral("127.0.0.1")).isTrue();
        assertThat(HostNames.isIpLiteral("::1")).isTrue();
        assertThat(HostNames.isIpLiteral("[fe80::1]")).isTrue();
        assertThat(HostNames.isIpLiteral("256.0.0.1")).isFalse();
        assertThat(HostNames.isIpLiteral("1.2.3")).isFalse();
        assertThat(HostNames.isIpLiteral("localhost")).isFalse();
        assertThat(HostNames.isIpLiteral("10.0.0.1.example.com")).isFalse();
    }

    @Test
    void wildcardCoversExactlyOneLeftMostLabel() {
        assertThat(HostNames.matchesDnsName("a.example.com", "*.example.com")).isTrue();
        assertThat(HostNames.matchesDnsName("example.com", "*.example.com")).isFalse();
        assertThat(HostNames.matchesDnsName("a.b.example.com", "*.example.com")).isFalse();
        assertThat(HostNames.matchesDnsName("example.com", "*.com")).isFalse();
        assertThat(HostNames.matchesDnsName("Vakt.Example.COM.", "vakt.example.com")).isTrue();
        assertThat(HostNames.matchesDnsName("vakt.example.com", "other.example.com")).isFalse();
    }
}
