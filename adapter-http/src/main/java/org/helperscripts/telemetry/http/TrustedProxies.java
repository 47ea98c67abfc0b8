package org.helperscripts.telemetry.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The peers whose {@code X-Forwarded-For} and {@code Forwarded} headers are believed
 * (TRUSTED_PROXIES_CIDR). Any other peer is the client itself, whatever headers it sends.
 *
 * <p>Built in, unless switched off: loopback ({@code 127.0.0.0/8}, {@code ::1}), private
 * ({@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, {@code fc00::/7}) and
 * link-local ({@code 169.254.0.0/16}, {@code fe80::/10}) — addresses from which no client on the
 * internet can reach the server directly, so a peer there is a proxy the operator runs. The blocks
 * of TRUSTED_PROXIES_CIDR are added to these; the word {@code none} in the list switches the
 * built-in ranges off ({@code none} alone trusts nobody).
 */
public final class TrustedProxies {

    /** The word that switches the built-in ranges off. */
    public static final String NONE = "none";

    static final List<String> BUILT_IN = List.of(
            "127.0.0.0/8", "::1/128",
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7",
            "169.254.0.0/16", "fe80::/10");

    private final List<AddressBlock> blocks;

    private TrustedProxies(List<AddressBlock> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** Only the built-in loopback, private and link-local ranges: what an empty TRUSTED_PROXIES_CIDR means. */
    public static TrustedProxies builtIn() {
        return parse("");
    }

    /** No peer is trusted: every forwarding header is ignored. */
    public static TrustedProxies nobody() {
        return new TrustedProxies(List.of());
    }

    /**
     * Reads TRUSTED_PROXIES_CIDR: blocks ({@code 203.0.113.0/24}, {@code 2001:db8::/32}) or single
     * addresses, separated by commas, added to the built-in ranges unless the list holds {@code none}.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or block
     */
    public static TrustedProxies parse(String list) {
        List<AddressBlock> listed = new ArrayList<>();
        boolean builtIn = true;
        for (String entry : list == null ? new String[0] : list.split(",", -1)) {
            String value = entry.trim();
            if (value.isEmpty()) {
                continue;
            }
            if (value.toLowerCase(Locale.ROOT).equals(NONE)) {
                builtIn = false;
            } else {
                listed.add(AddressBlock.parse(value));
            }
        }
        List<AddressBlock> blocks = new ArrayList<>();
        if (builtIn) {
            for (String block : BUILT_IN) {
                blocks.add(AddressBlock.parse(block));
            }
        }
        blocks.addAll(listed);
        return new TrustedProxies(blocks);
    }

    /** Whether a peer at this address may tell who the client is. */
    public boolean trusts(InetAddress address) {
        for (AddressBlock block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedProxies trusted && trusted.blocks.equals(blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }

    /** The trusted blocks, as given (for the start-up log; they are the operator's proxies, not clients). */
    @Override
    public String toString() {
        return blocks.isEmpty() ? NONE : blocks.stream().map(AddressBlock::toString).collect(Collectors.joining(","));
    }
}
