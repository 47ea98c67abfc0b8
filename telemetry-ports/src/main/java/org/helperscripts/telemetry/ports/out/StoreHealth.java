package org.helperscripts.telemetry.ports.out;

/**
 * The state of a store for health checks: its kind, whether it is available, writes accepted but
 * not yet durable, and a short description of a problem (never data, never secrets).
 */
public record StoreHealth(String kind, boolean available, long pendingWrites, String problem) {

    public static StoreHealth up(String kind, long pendingWrites) {
        return new StoreHealth(kind, true, pendingWrites, null);
    }

    public static StoreHealth down(String kind, long pendingWrites, String problem) {
        return new StoreHealth(kind, false, pendingWrites, problem);
    }
}
