package org.helperscripts.telemetry.http;

import java.util.Objects;

/**
 * How the web server listens, what it takes, and from whom.
 *
 * @param host           address to bind, e.g. {@code 0.0.0.0}
 * @param port           port to bind; 0 picks a free one
 * @param maxBodyBytes   the largest report body accepted (MAX_BODY_BYTES)
 * @param requestLogging log one line per request: method, path, status, duration — never an
 *                       address, never a body (ENABLE_REQUEST_LOGGING)
 * @param trustedProxies the peers whose forwarding headers name the client (TRUSTED_PROXIES_CIDR)
 * @param rateLimits     how many requests one client may make (RATE_LIMIT_RPM, RATE_BURST,
 *                       RATE_KEY_MODE, RATE_KEY_HEADER)
 */
public record HttpSettings(String host, int port, int maxBodyBytes, boolean requestLogging,
                           TrustedProxies trustedProxies, RateLimits rateLimits) {

    /** Large enough for every field at its limit plus a long error text before it is cut. */
    public static final int DEFAULT_MAX_BODY_BYTES = 65_536;

    public HttpSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
        }
        if (maxBodyBytes < 1_024) {
            throw new IllegalArgumentException("max body bytes must be at least 1024, was " + maxBodyBytes);
        }
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(rateLimits, "rateLimits");
    }

    /** With the built-in trusted proxies (loopback, private, link-local) and the default rate limits. */
    public HttpSettings(String host, int port, int maxBodyBytes, boolean requestLogging) {
        this(host, port, maxBodyBytes, requestLogging, TrustedProxies.builtIn(), RateLimits.defaults());
    }
}
