package org.helperscripts.telemetry.http;

import java.net.InetAddress;
import java.util.List;

import org.helperscripts.telemetry.http.ForwardingChain.Hop;

/**
 * Who sent a request, as far as the server can know it without being lied to.
 *
 * <ul>
 *   <li>A peer that is not a trusted proxy is the client; its forwarding headers are ignored, so a
 *       client cannot name someone else (or a new someone for every request).</li>
 *   <li>From a trusted peer, the chain of {@code X-Forwarded-For} or {@code Forwarded} is walked
 *       from the right (the hop nearest this server): trusted addresses are skipped, and the first
 *       address that is not trusted is the client. Everything to the left of it was written by the
 *       client or by proxies nobody vouches for, and is never read.</li>
 *   <li>If every hop is trusted, the left-most is the client.</li>
 *   <li>A stop — {@code unknown}, an obfuscated identifier, a malformed entry — ends the walk at
 *       the last trusted address seen (or the peer): the hop that could not or would not say who
 *       sent the request is the best the server knows.</li>
 *   <li>When a request carries both headers, both are walked; if they name different clients,
 *       one of them was written by the client and the server cannot tell which, so the peer is the
 *       client. A proxy usually writes only one of the two, and a bash client sends neither.</li>
 * </ul>
 *
 * Never throws, never resolves a name.
 */
final class ClientAddress {

    private final TrustedProxies trusted;

    ClientAddress(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /**
     * @param peer            the address of the TCP peer
     * @param xForwardedFor   every {@code X-Forwarded-For} line, in order (empty when none)
     * @param forwarded       every {@code Forwarded} line, in order (empty when none)
     */
    InetAddress of(InetAddress peer, List<String> xForwardedFor, List<String> forwarded) {
        if (!trusted.trusts(peer)) {
            return peer;
        }
        boolean hasXff = !xForwardedFor.isEmpty();
        boolean hasForwarded = !forwarded.isEmpty();
        if (hasXff && hasForwarded) {
            InetAddress byXff = walk(peer, ForwardingChain.fromXForwardedFor(xForwardedFor));
            InetAddress byForwarded = walk(peer, ForwardingChain.fromForwarded(forwarded));
            return byXff.equals(byForwarded) ? byXff : peer;
        }
        if (hasXff) {
            return walk(peer, ForwardingChain.fromXForwardedFor(xForwardedFor));
        }
        if (hasForwarded) {
            return walk(peer, ForwardingChain.fromForwarded(forwarded));
        }
        return peer;
    }

    private InetAddress walk(InetAddress peer, List<Hop> hops) {
        InetAddress lastTrusted = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Hop hop = hops.get(i);
            if (hop.isStop()) {
                return lastTrusted;
            }
            if (!trusted.trusts(hop.address())) {
                return hop.address();
            }
            lastTrusted = hop.address();
        }
        return lastTrusted;
    }
}
