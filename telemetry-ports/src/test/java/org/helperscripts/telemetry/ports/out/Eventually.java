package org.helperscripts.telemetry.ports.out;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by polling it until a deadline, for tests of work that happens on other
 * threads: a broken component fails the test with what was awaited instead of hanging the build,
 * and no test depends on how fast a machine is.
 */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(5);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails the test when it does not within {@code within}. */
    public static void until(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
