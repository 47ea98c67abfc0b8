package org.helperscripts.telemetry.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}) or a single address,
 * matched on the address bytes. An IPv4 block matches only IPv4 addresses and an IPv6 block only
 * IPv6 ones; IPv4-mapped IPv6 is read as IPv4 on both sides, so {@code ::ffff:10.0.0.0/104} is
 * {@code 10.0.0.0/8}.
 */
final class AddressBlock {

    private static final int MAPPED_PREFIX_BITS = 96;

    private final byte[] network;
    private final int prefixBits;
    private final String text;

    private AddressBlock(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    /**
     * Reads {@code ADDRESS} or {@code ADDRESS/BITS}.
     *
     * @throws IllegalArgumentException when it is neither, saying what was expected
     */
    static AddressBlock parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String addressPart = slash < 0 ? value : value.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressPart).orElseThrow(() -> new IllegalArgumentException(
                "'" + value + "' is not an IP address or CIDR block like 10.0.0.0/8 or fd00::/8"));
        int maxBits = address.getAddress().length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            bits = prefix(value.substring(slash + 1), value);
            boolean writtenAsMapped = addressPart.indexOf(':') >= 0 && address instanceof Inet4Address;
            if (writtenAsMapped) {
                if (bits < MAPPED_PREFIX_BITS) {
                    throw new IllegalArgumentException("'" + value + "' has an IPv4-mapped address with a prefix"
                            + " shorter than /96");
                }
                bits -= MAPPED_PREFIX_BITS;
            }
            if (bits > maxBits) {
                throw new IllegalArgumentException("'" + value + "' has a prefix longer than /" + maxBits);
            }
        }
        byte[] network = address.getAddress();
        mask(network, bits);
        return new AddressBlock(network, bits, value);
    }

    static AddressBlock of(InetAddress address, int prefixBits) {
        byte[] network = address.getAddress();
        mask(network, prefixBits);
        return new AddressBlock(network, prefixBits, address.getHostAddress() + "/" + prefixBits);
    }

    private static int prefix(String digits, String value) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + value + "' must end in a prefix length like /24");
        }
        return Integer.parseInt(digits);
    }

    private static void mask(byte[] bytes, int prefixBits) {
        for (int i = 0; i < bytes.length; i++) {
            int bitsInThisByte = Math.max(0, Math.min(8, prefixBits - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - bitsInThisByte));
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & 0xFF);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressBlock block && block.prefixBits == prefixBits
                && Arrays.equals(block.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixBits;
    }

    @Override
    public String toString() {
        return text;
    }
}
