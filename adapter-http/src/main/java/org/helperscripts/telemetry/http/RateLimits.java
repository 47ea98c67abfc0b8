package org.helperscripts.telemetry.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests one client may make: RATE_LIMIT_RPM requests per minute sustained, at most
 * RATE_BURST of them at once. Resilience4j refreshes permits in fixed periods, so this is
 * {@code burst} permits every {@code burst × 60 s / rpm}: with the defaults, 60 every 12 s. Within
 * one period a client gets at most {@code burst}; over any minute, at most {@code rpm} plus one
 * burst (the period that straddles the minute's edge). Unused permits do not pile up beyond one
 * burst. A {@code requestsPerMinute} of 0 switches limiting off.
 *
 * @param requestsPerMinute sustained requests per minute per client (RATE_LIMIT_RPM), 0 = off
 * @param burst             requests one client may make at once (RATE_BURST), at most {@code requestsPerMinute}
 * @param keyMode           what one client is (RATE_KEY_MODE)
 * @param keyHeader         the header that names the client in {@link KeyMode#HEADER} mode (RATE_KEY_HEADER)
 */
public record RateLimits(int requestsPerMinute, int burst, KeyMode keyMode, String keyHeader) {

    public static final int DEFAULT_REQUESTS_PER_MINUTE = 300;
    public static final int DEFAULT_BURST = 60;
    public static final String DEFAULT_KEY_HEADER = "X-Telemetry-Key";
    /** Larger values are not a limit any more, and would make the refresh period meaninglessly short. */
    public static final int MAX_REQUESTS_PER_MINUTE = 1_000_000;

    /** What one client is, for the limiter. */
    public enum KeyMode {
        /** The client address (see {@link TrustedProxies}). */
        IP,
        /**
         * The value of the key header — believed only from a trusted proxy, which must set it; from
         * any other peer, or when it is missing or blank, the client address.
         */
        HEADER
    }

    public RateLimits {
        Objects.requireNonNull(keyMode, "keyMode");
        Objects.requireNonNull(keyHeader, "keyHeader");
        if (requestsPerMinute < 0 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("requests per minute must be from 0 to " + MAX_REQUESTS_PER_MINUTE
                    + ", was " + requestsPerMinute);
        }
        if (burst < 1 || (requestsPerMinute > 0 && burst > requestsPerMinute)) {
            throw new IllegalArgumentException("burst must be from 1 to the requests per minute ("
                    + requestsPerMinute + "), was " + burst);
        }
        if (!isHeaderName(keyHeader)) {
            throw new IllegalArgumentException("key header must be a header name like " + DEFAULT_KEY_HEADER
                    + ", was '" + keyHeader + "'");
        }
        if (isForwardingHeader(keyHeader)) {
            throw new IllegalArgumentException("key header must not be " + keyHeader + ": a client can add to it"
                    + " and get a new key for every request; the client address mode reads it safely");
        }
    }

    /** The defaults: 300 a minute, 60 at once, per client address. */
    public static RateLimits defaults() {
        return new RateLimits(DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_BURST, KeyMode.IP, DEFAULT_KEY_HEADER);
    }

    /** No limit at all. */
    public static RateLimits off() {
        return new RateLimits(0, DEFAULT_BURST, KeyMode.IP, DEFAULT_KEY_HEADER);
    }

    public static RateLimits perClientAddress(int requestsPerMinute, int burst) {
        return new RateLimits(requestsPerMinute, burst, KeyMode.IP, DEFAULT_KEY_HEADER);
    }

    public static RateLimits perHeader(int requestsPerMinute, int burst, String keyHeader) {
        return new RateLimits(requestsPerMinute, burst, KeyMode.HEADER, keyHeader);
    }

    public boolean enabled() {
        return requestsPerMinute > 0;
    }

    /** How often a client's permits are refilled to {@code burst}: {@code burst × 60 s / rpm}, at most a minute. */
    public Duration refreshPeriod() {
        if (!enabled()) {
            throw new IllegalStateException("rate limiting is off");
        }
        return Duration.ofNanos(Duration.ofMinutes(1).toNanos() * burst / requestsPerMinute);
    }

    /** X-Forwarded-For or Forwarded: a client adds to those, so their text is no key. */
    public static boolean isForwardingHeader(String name) {
        return name.equalsIgnoreCase("X-Forwarded-For") || name.equalsIgnoreCase("Forwarded");
    }

    /** An HTTP field name: one or more token characters (RFC 9110). */
    public static boolean isHeaderName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }
}
