package org.helperscripts.telemetry.bench;

/**
 * The phases of a load run on the {@link System#nanoTime()} scale: a request belongs to the phase
 * it started in, and none starts once the window is over.
 */
record LoadWindow(long startsAt, long warmUpEndsAt, long endsAt) {

    static LoadWindow startingNow(int warmUpSeconds, int measuredSeconds) {
        long now = System.nanoTime();
        long warmUpEndsAt = now + warmUpSeconds * 1_000_000_000L;
        return new LoadWindow(now, warmUpEndsAt, warmUpEndsAt + measuredSeconds * 1_000_000_000L);
    }

    boolean inWarmUp(long nanos) {
        return nanos - warmUpEndsAt < 0;
    }

    boolean isOver(long nanos) {
        return nanos - endsAt >= 0;
    }
}
