package io.vakt.server.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {
    @Test
    void aRangeContainsItsAddressesOnly() throws UnknownHostException {
        Cidr lan = Cidr.parse("10.1.0.0/16");
        assertThat(lan.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
        assertThat(lan.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(lan.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("10.1.2.3/16")).as("host bits are cleared").isEqualTo(lan);
    }

    @Test
    void aBareAddressIsAFullLengthPrefix() throws UnknownHostException {
        Cidr one = Cidr.parse("127.0.0.1");
        assertThat(one.contains(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(one.contains(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(one).hasToString("127.0.0.1");
    }

    @Test
    void ipv6RangesAndIpv4MappedAddresses() throws UnknownHostException {
        assertThat(Cidr.parse("::1")).hasToString("::1");
        assertThat(Cidr.parse("[2001:DB8::]/32")).hasToString("2001:db8::/32");
        assertThat(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 9;
        assertThat(Cidr.parse("10.0.0.0/8").contains(mapped)).as("::ffff:10.0.0.9").isTrue();
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        assertThatThrownBy(() -> Cidr.parse("proxy.example.com")).hasMessageContaining("is not an IP address or range");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length outside 0–32");
        assertThatThrownBy(() -> Cidr.parse("::/129")).hasMessageContaining("prefix length outside 0–128");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("prefix length");
    }
}
