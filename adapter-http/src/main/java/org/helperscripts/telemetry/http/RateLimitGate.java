package org.helperscripts.telemetry.http;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Runs before the routes that a client can hammer — posting a report ({@code POST /telemetry},
 * {@code POST /}) and reading the API ({@code GET /api/*}), as {@link TelemetryWebServer} installs
 * it — and refuses the request with {@link TooManyRequestsException} when the client has no permit
 * left. It runs before the body is read, so a refused report costs no parsing. {@code /healthz} and
 * everything else never meet it.
 *
 * <p>The client is its address ({@link ClientAddress}), or in header mode the key header's value
 * when a trusted proxy sent it. Either is turned into a {@link ClientPseudonym} at once; the address
 * is not kept, logged or put into an answer.
 */
final class RateLimitGate {

    private final RateLimits limits;
    private final ClientAddress clientAddress;
    private final TrustedProxies trusted;
    private final ClientPseudonyms pseudonyms;
    private final ClientLimiters limiters;

    RateLimitGate(RateLimits limits, TrustedProxies trusted, ClientPseudonyms pseudonyms, ClientLimiters limiters) {
        this.limits = limits;
        this.trusted = trusted;
        this.clientAddress = new ClientAddress(trusted);
        this.pseudonyms = pseudonyms;
        this.limiters = limiters;
    }

    /** The gate as a before-handler for one method; requests with another method pass. */
    Handler on(HandlerType method) {
        return ctx -> {
            if (method.equals(ctx.method())) {
                admit(ctx);
            }
        };
    }

    /** Takes a permit for the request's client, or throws {@link TooManyRequestsException}. */
    private void admit(Context ctx) {
        long retryAfter = limiters.acquire(client(ctx));
        if (retryAfter > 0) {
            throw new TooManyRequestsException(retryAfter);
        }
    }

    private ClientPseudonym client(Context ctx) {
        String peerText = ctx.req().getRemoteAddr();
        InetAddress peer = IpLiteral.parse(peerText).orElse(null);
        if (peer == null) {
            // Jetty always gives an address literal; should it not, the text still names one peer.
            return pseudonyms.ofHeaderValue("peer " + peerText);
        }
        if (limits.keyMode() == RateLimits.KeyMode.HEADER && trusted.trusts(peer)) {
            String key = ctx.header(limits.keyHeader());
            if (key != null && !key.isBlank()) {
                return pseudonyms.ofHeaderValue(key.trim());
            }
        }
        return pseudonyms.of(clientAddress.of(peer, lines(ctx, "X-Forwarded-For"), lines(ctx, "Forwarded")));
    }

    private static List<String> lines(Context ctx, String header) {
        return Collections.list(ctx.req().getHeaders(header));
    }
}
