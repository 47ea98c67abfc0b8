package org.helperscripts.telemetry.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds, failing when the deadline passes first. */
final class Deadline {

    private Deadline() {
    }

    static void await(Duration within, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }
}
