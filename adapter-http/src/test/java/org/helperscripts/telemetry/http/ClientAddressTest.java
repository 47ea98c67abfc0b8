package org.helperscripts.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who the client is, by peer and forwarding headers: the rule is a table, so is the test. */
class ClientAddressTest {

    private static final String BUILT_IN = "";
    private static final List<String> NONE = List.of();

    static Stream<Arguments> untrustedPeers() {
        return Stream.of(
                row("a public IPv4 peer without headers is the client",
                        BUILT_IN, "198.51.100.7", NONE, NONE, "198.51.100.7"),
                row("a spoofed X-Forwarded-For from a public peer is ignored",
                        BUILT_IN, "198.51.100.7", List.of("203.0.113.9"), NONE, "198.51.100.7"),
                row("a spoofed X-Forwarded-For naming a trusted address is ignored too",
                        BUILT_IN, "198.51.100.7", List.of("127.0.0.1"), NONE, "198.51.100.7"),
                row("a spoofed Forwarded from a public peer is ignored",
                        BUILT_IN, "198.51.100.7", NONE, List.of("for=203.0.113.9"), "198.51.100.7"),
                row("a public IPv6 peer is the client whatever it sends",
                        BUILT_IN, "2001:db8::99", List.of("2001:db8::7"), List.of("for=\"[2001:db8::7]\""),
                        "2001:db8::99"),
                row("the first address past 172.16.0.0/12 is not private",
                        BUILT_IN, "172.32.0.1", List.of("203.0.113.9"), NONE, "172.32.0.1"),
                row("carrier-grade NAT space is not trusted by default",
                        BUILT_IN, "100.64.0.1", List.of("203.0.113.9"), NONE, "100.64.0.1"),
                row("none trusts not even loopback",
                        "none", "127.0.0.1", List.of("203.0.113.9"), List.of("for=203.0.113.9"), "127.0.0.1"),
                row("a block outside TRUSTED_PROXIES_CIDR is not trusted",
                        "203.0.113.0/24", "203.0.114.1", List.of("198.51.100.8"), NONE, "203.0.114.1"),
                row("none with a block trusts only that block, not private ranges",
                        "none,203.0.113.0/24", "10.0.0.1", List.of("198.51.100.8"), NONE, "10.0.0.1"));
    }

    static Stream<Arguments> xForwardedFor() {
        return Stream.of(
                row("a loopback peer without headers is the client",
                        BUILT_IN, "127.0.0.1", NONE, NONE, "127.0.0.1"),
                row("a loopback proxy names the client",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9"), NONE, "203.0.113.9"),
                row("trusted hops on the right are skipped",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9, 10.0.0.2, 192.168.1.1"), NONE, "203.0.113.9"),
                row("what the client wrote on the left is never read",
                        BUILT_IN, "127.0.0.1", List.of("1.1.1.1, 8.8.8.8, 203.0.113.9"), NONE, "203.0.113.9"),
                row("a client that names a trusted address on the left is still itself",
                        BUILT_IN, "127.0.0.1", List.of("10.0.0.9, 203.0.113.9, 10.0.0.2"), NONE, "203.0.113.9"),
                row("when every hop is trusted the left-most is the client",
                        BUILT_IN, "127.0.0.1", List.of("10.0.0.5, 192.168.1.2"), NONE, "10.0.0.5"),
                row("several header lines are one list, in order",
                        BUILT_IN, "127.0.0.1", List.of("1.1.1.1", "203.0.113.9, 10.0.0.2"), NONE, "203.0.113.9"),
                row("the last header line is nearest the server",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9", "198.51.100.4"), NONE, "198.51.100.4"),
                row("empty list elements are skipped",
                        BUILT_IN, "127.0.0.1", List.of(" , ,203.0.113.9,, "), NONE, "203.0.113.9"),
                row("an empty header names nobody",
                        BUILT_IN, "127.0.0.1", List.of(""), NONE, "127.0.0.1"),
                row("an IPv4 address with a port",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9:5555"), NONE, "203.0.113.9"),
                row("an IPv6 address",
                        BUILT_IN, "::1", List.of("2001:db8::7"), NONE, "2001:db8::7"),
                row("an IPv6 address in brackets with a port",
                        BUILT_IN, "::1", List.of("[2001:db8::7]:4711"), NONE, "2001:db8::7"),
                row("an IPv6 chain through a unique-local proxy",
                        BUILT_IN, "fd00::2", List.of("2001:db8::7, fd00::1"), NONE, "2001:db8::7"),
                row("an IPv4 client through an IPv6 proxy",
                        BUILT_IN, "::1", List.of("203.0.113.9"), NONE, "203.0.113.9"),
                row("an IPv4-mapped peer is its IPv4 address, loopback and trusted",
                        BUILT_IN, "::ffff:127.0.0.1", List.of("203.0.113.9"), NONE, "203.0.113.9"),
                row("an IPv4-mapped client is its IPv4 address",
                        BUILT_IN, "127.0.0.1", List.of("::ffff:203.0.113.9"), NONE, "203.0.113.9"),
                row("an IPv4-mapped private hop is trusted",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9, ::ffff:10.0.0.3"), NONE, "203.0.113.9"),
                row("a link-local IPv4 peer is trusted",
                        BUILT_IN, "169.254.10.1", List.of("203.0.113.9"), NONE, "203.0.113.9"),
                row("a link-local IPv6 peer is trusted",
                        BUILT_IN, "fe80::1", List.of("2001:db8::7"), NONE, "2001:db8::7"),
                row("the last address of 172.16.0.0/12 is private",
                        BUILT_IN, "172.31.255.255", List.of("203.0.113.9"), NONE, "203.0.113.9"),
                row("a public peer in TRUSTED_PROXIES_CIDR names the client",
                        "203.0.113.0/24", "203.0.113.5", List.of("198.51.100.8"), NONE, "198.51.100.8"),
                row("custom and built-in blocks are both trusted",
                        "203.0.113.0/24", "127.0.0.1", List.of("198.51.100.8, 203.0.113.77"), NONE, "198.51.100.8"),
                row("a single address in TRUSTED_PROXIES_CIDR",
                        "198.51.100.20", "198.51.100.20", List.of("203.0.113.9"), NONE, "203.0.113.9"),
                row("an IPv6 block in TRUSTED_PROXIES_CIDR",
                        "2001:db8:1::/48", "2001:db8:1::5", List.of("2001:db8:2::9"), NONE, "2001:db8:2::9"),
                row("with none, a private hop is the client",
                        "none,203.0.113.0/24", "203.0.113.5", List.of("198.51.100.8, 10.0.0.2"), NONE, "10.0.0.2"));
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                row("a host name is not resolved and ends the walk at the peer",
                        BUILT_IN, "127.0.0.1", List.of("evil.example.com"), NONE, "127.0.0.1"),
                row("localhost is a name, not an address",
                        BUILT_IN, "127.0.0.1", List.of("1.1.1.1, localhost"), NONE, "127.0.0.1"),
                row("garbage right of the client ends the walk at the peer",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9, garbage"), NONE, "127.0.0.1"),
                row("garbage ends the walk at the last trusted hop",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9, not-an-ip, 10.0.0.2"), NONE, "10.0.0.2"),
                row("an octet over 255",
                        BUILT_IN, "127.0.0.1", List.of("256.1.1.1"), NONE, "127.0.0.1"),
                row("a leading zero that some parsers read as octal",
                        BUILT_IN, "127.0.0.1", List.of("010.0.0.1"), NONE, "127.0.0.1"),
                row("three octets",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113"), NONE, "127.0.0.1"),
                row("a decimal number",
                        BUILT_IN, "127.0.0.1", List.of("3405803785"), NONE, "127.0.0.1"),
                row("full-width digits",
                        BUILT_IN, "127.0.0.1", List.of("２０３.0.113.9"), NONE, "127.0.0.1"),
                row("unknown",
                        BUILT_IN, "127.0.0.1", List.of("unknown"), NONE, "127.0.0.1"),
                row("an IPv6 zone id",
                        BUILT_IN, "127.0.0.1", List.of("fe80::1%eth0"), NONE, "127.0.0.1"),
                row("two double colons",
                        BUILT_IN, "127.0.0.1", List.of("2001::db8::1"), NONE, "127.0.0.1"),
                row("nine IPv6 groups",
                        BUILT_IN, "127.0.0.1", List.of("1:2:3:4:5:6:7:8:9"), NONE, "127.0.0.1"),
                row("a port over 65535",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9:70000"), NONE, "127.0.0.1"),
                row("an empty port",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9:"), NONE, "127.0.0.1"),
                row("an unclosed bracket",
                        BUILT_IN, "127.0.0.1", List.of("[2001:db8::7"), NONE, "127.0.0.1"),
                row("IPv4 in brackets",
                        BUILT_IN, "127.0.0.1", List.of("[203.0.113.9]"), NONE, "127.0.0.1"),
                row("a CIDR block is not an address",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.0/24"), NONE, "127.0.0.1"),
                row("a very long chain of garbage",
                        BUILT_IN, "127.0.0.1", List.of("x,".repeat(2_000) + "203.0.113.9, ;;;"), NONE, "127.0.0.1"));
    }

    static Stream<Arguments> forwarded() {
        return Stream.of(
                row("an IPv4 for=",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=203.0.113.9"), "203.0.113.9"),
                row("a quoted IPv4 with a port, among other parameters, names in any case",
                        BUILT_IN, "127.0.0.1", NONE, List.of("proto=https;For=\"203.0.113.9:80\";by=10.0.0.1"),
                        "203.0.113.9"),
                row("a quoted IPv6 in brackets with a port",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=\"[2001:db8:cafe::17]:4711\""), "2001:db8:cafe::17"),
                row("a quoted IPv6 in brackets without a port",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=\"[2001:db8:cafe::17]\""), "2001:db8:cafe::17"),
                row("an obfuscated port",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=\"[2001:db8::1]:_p1\""), "2001:db8::1"),
                row("brackets without quotes, leniently",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=[2001:db8::1]"), "2001:db8::1"),
                row("trusted elements on the right are skipped",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=203.0.113.9, for=10.0.0.2;proto=http"), "203.0.113.9"),
                row("what the client wrote on the left is never read",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=1.1.1.1, for=203.0.113.9"), "203.0.113.9"),
                row("several lines are one list",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=1.1.1.1", "for=203.0.113.9"), "203.0.113.9"),
                row("a comma inside quotes does not split the element",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=203.0.113.9;host=\"a,b\""), "203.0.113.9"),
                row("unknown stops the walk at the peer",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=1.1.1.1, for=unknown"), "127.0.0.1"),
                row("unknown stops the walk at the last trusted hop",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=unknown, for=10.0.0.2"), "10.0.0.2"),
                row("an obfuscated identifier stops the walk",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=1.1.1.1, for=\"_gazonk\", for=10.0.0.2"), "10.0.0.2"),
                row("an element without for= stops the walk",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=1.1.1.1, proto=https"), "127.0.0.1"),
                row("for= twice in one element is malformed",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=203.0.113.9;for=1.1.1.1"), "127.0.0.1"),
                row("an unterminated quote is malformed",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=\"203.0.113.9"), "127.0.0.1"),
                row("a pair without a value is malformed",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=1.1.1.1, for="), "127.0.0.1"),
                row("text after a value is malformed",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=203.0.113.9 junk, for=10.0.0.2"), "10.0.0.2"),
                row("a host name in for= is not resolved",
                        BUILT_IN, "127.0.0.1", NONE, List.of("for=evil.example.com"), "127.0.0.1"));
    }

    static Stream<Arguments> bothHeaders() {
        return Stream.of(
                row("both headers naming the same client",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9"), List.of("for=203.0.113.9"), "203.0.113.9"),
                row("both headers naming different clients leave the peer",
                        BUILT_IN, "127.0.0.1", List.of("203.0.113.9"), List.of("for=198.51.100.1"), "127.0.0.1"),
                row("a forged Forwarded next to a proxy's X-Forwarded-For leaves the peer",
                        BUILT_IN, "10.0.0.2", List.of("1.1.1.1, 203.0.113.9"), List.of("for=1.1.1.1"), "10.0.0.2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"untrustedPeers", "xForwardedFor", "garbage", "forwarded", "bothHeaders"})
    void namesTheClient(String what, String trustedProxies, String peer, List<String> xForwardedFor,
                        List<String> forwarded, String client) {
        ClientAddress clients = new ClientAddress(TrustedProxies.parse(trustedProxies));

        InetAddress named = clients.of(address(peer), xForwardedFor, forwarded);

        assertEquals(address(client), named);
    }

    private static InetAddress address(String literal) {
        return IpLiteral.parse(literal).orElseThrow(() -> new AssertionError("not a literal: " + literal));
    }

    private static Arguments row(String what, String trusted, String peer, List<String> xForwardedFor,
                                 List<String> forwarded, String client) {
        return Arguments.of(what, trusted, peer, xForwardedFor, forwarded, client);
    }
}
