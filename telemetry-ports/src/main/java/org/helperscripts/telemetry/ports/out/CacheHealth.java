package org.helperscripts.telemetry.ports.out;

/**
 * The state of a cache for health checks: its kind ("memory", "redis", "memory+redis", "off"),
 * whether every tier answers, and a short description of a problem (never a URL with a password).
 * A cache that is down does not make the service unhealthy: answers are computed instead.
 */
public record CacheHealth(String kind, boolean available, String problem) {

    public static CacheHealth up(String kind) {
        return new CacheHealth(kind, true, null);
    }

    public static CacheHealth down(String kind, String problem) {
        return new CacheHealth(kind, false, problem);
    }
}
