package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals, CIDR blocks and the trusted set, matched on bytes and never looked up. */
class TrustedProxiesTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8          | 10.255.255.255   | true",
        "10.0.0.0/8          | 11.0.0.0         | false",
        "10.0.0.0/8          | 9.255.255.255    | false",
        "172.16.0.0/12       | 172.31.0.1       | true",
        "172.16.0.0/12       | 172.32.0.1       | false",
        "192.168.0.0/16      | 192.168.200.7    | true",
        "192.168.0.0/16      | 192.169.0.1      | false",
        "10.1.2.3/8          | 10.0.0.1         | true",
        "203.0.113.128/25    | 203.0.113.200    | true",
        "203.0.113.128/25    | 203.0.113.127    | false",
        "203.0.113.7         | 203.0.113.7      | true",
        "203.0.113.7         | 203.0.113.8      | false",
        "0.0.0.0/0           | 198.51.100.1     | true",
        "0.0.0.0/0           | 2001:db8::1      | false",
        "::/0                | 2001:db8::1      | true",
        "::/0                | 198.51.100.1     | false",
        "fc00::/7            | fdff:ffff::1     | true",
        "fc00::/7            | fe00::1          | false",
        "fe80::/10           | febf::1          | true",
        "fe80::/10           | fec0::1          | false",
        "2001:db8::/127      | 2001:db8::1      | true",
        "2001:db8::/127      | 2001:db8::2      | false",
        "::1                 | ::1              | true",
        "::1                 | ::2              | false",
        "::ffff:10.0.0.0/104 | 10.9.9.9         | true",
        "::ffff:10.0.0.0/104 | 11.0.0.1         | false",
        "10.0.0.0/8          | ::ffff:10.1.1.1  | true",
    })
    void aBlockContainsExactlyItsAddresses(String block, String address, boolean contained) {
        assertEquals(contained, AddressBlock.parse(block).contains(literal(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/-1", "10.0.0.0/x", "::1/129", "::ffff:10.0.0.0/90",
        "not-a-cidr", "localhost", "proxy.example.com", "10.0.0", "10.0.0.0.0/8", "fe80::1%eth0/64",
    })
    void aBadBlockIsRefusedNamingIt(String block) {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(block));

        assertTrue(bad.getMessage().contains("'" + block + "'"), bad.getMessage());
    }

    @Test
    void anEmptyListMeansTheBuiltInRanges() {
        assertEquals(TrustedProxies.builtIn(), TrustedProxies.parse(""));
        assertEquals(TrustedProxies.builtIn(), TrustedProxies.parse(" , "));
        assertEquals(String.join(",", TrustedProxies.BUILT_IN), TrustedProxies.builtIn().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "::1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "fd12::1",
        "169.254.1.1", "fe80::1", "::ffff:192.168.1.1"})
    void theBuiltInRangesTrustLoopbackPrivateAndLinkLocal(String address) {
        assertTrue(TrustedProxies.builtIn().trusts(literal(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.1", "8.8.8.8", "100.64.0.1", "172.32.0.1", "2001:db8::1", "::", "0.0.0.0",
        "::ffff:8.8.8.8"})
    void theBuiltInRangesTrustNoPublicAddress(String address) {
        assertFalse(TrustedProxies.builtIn().trusts(literal(address)));
    }

    @Test
    void noneTrustsNobody() {
        TrustedProxies none = TrustedProxies.parse("none");

        assertEquals(TrustedProxies.nobody(), none);
        assertEquals(TrustedProxies.nobody(), TrustedProxies.parse(" NONE "));
        assertFalse(none.trusts(literal("127.0.0.1")));
        assertFalse(none.trusts(literal("::1")));
        assertEquals("none", none.toString());
    }

    @Test
    void listedBlocksAreAddedToTheBuiltInRangesUnlessNoneIsListed() {
        TrustedProxies added = TrustedProxies.parse("203.0.113.0/24, 2001:db8::/32");
        TrustedProxies only = TrustedProxies.parse("none,203.0.113.0/24");

        assertTrue(added.trusts(literal("203.0.113.9")));
        assertTrue(added.trusts(literal("2001:db8::5")));
        assertTrue(added.trusts(literal("10.0.0.1")));
        assertTrue(only.trusts(literal("203.0.113.9")));
        assertFalse(only.trusts(literal("10.0.0.1")));
        assertFalse(only.trusts(literal("127.0.0.1")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "::                         | 00000000000000000000000000000000",
        "::1                        | 00000000000000000000000000000001",
        "1::                        | 00010000000000000000000000000000",
        "2001:DB8::A                | 20010db800000000000000000000000a",
        "1:2:3:4:5:6:7:8            | 00010002000300040005000600070008",
        "1:2:3:4:5:6:1.2.3.4        | 00010002000300040005000601020304",
        "::1.2.3.4                  | 00000000000000000000000001020304",
        "[2001:db8::1]              | 20010db8000000000000000000000001",
        "64:ff9b::203.0.113.9       | 0064ff9b0000000000000000cb007109",
    })
    void readsEveryIpv6Form(String literal, String hex) {
        InetAddress address = literal(literal);

        assertInstanceOf(Inet6Address.class, address);
        assertArrayEquals(bytes(hex), address.getAddress());
    }

    @Test
    void readsIpv4AndIpv4MappedIpv6AsTheSameIpv4Address() {
        InetAddress plain = literal("203.0.113.9");
        InetAddress mapped = literal("::ffff:203.0.113.9");
        InetAddress mappedInHex = literal("::ffff:cb00:7109");

        assertInstanceOf(Inet4Address.class, mapped);
        assertEquals(plain, mapped);
        assertEquals(plain, mappedInHex);
    }

    // A name must never reach the resolver: an attacker's header would make the server do DNS.
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "203.0.113.9.nip.io", "1.2.3.4 5", "1.2.3.4.", ".1.2.3",
        "01.2.3.4", "1.2.3.04", "+1.2.3.4", "1.2.3.-4", "0x7f.0.0.1", "2130706433", ":1", "1:", "1:::2",
        "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8", "12345::", "g::1", "::1.2.3.4.5", "1.2.3.4::", "[::1",
        "[1.2.3.4]", "fe80::1%1", "١٢٧.0.0.1", "", " "})
    void anythingButALiteralIsNoAddress(String text) {
        assertEquals(Optional.empty(), IpLiteral.parse(text));
    }

    private static InetAddress literal(String text) {
        return IpLiteral.parse(text).orElseThrow(() -> new AssertionError("not a literal: " + text));
    }

    private static byte[] bytes(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
