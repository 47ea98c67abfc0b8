package org.helperscripts.telemetry.bench;

import java.util.List;
import java.util.Locale;

/**
 * A line every few seconds while the load runs, so that a rate that sags or stalls shows; the
 * results block only gives the average. Lines are cut at the end of the warm-up, so that no
 * line mixes the two phases.
 */
final class ProgressDisplay {

    private static final long EVERY_NANOS = 5_000_000_000L;

    private final LoadWindow window;
    private final List<LoadWorker> workers;
    private long previousAt;
    private long previousAccepted;

    ProgressDisplay(LoadWindow window, List<LoadWorker> workers) {
        this.window = window;
        this.workers = workers;
        this.previousAt = window.startsAt();
    }

    /** Prints lines until {@code deadline} (on the {@link System#nanoTime()} scale) has passed. */
    void showUntil(long deadline) throws InterruptedException {
        while (deadline - previousAt > 0) {
            long wake = Math.min(previousAt + EVERY_NANOS, deadline);
            long wait = wake - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long now = System.nanoTime();
            long accepted = 0;
            for (LoadWorker worker : workers) {
                accepted += worker.acceptedSoFar();
            }
            System.out.printf(Locale.ROOT, "  %6.1f s %,9.0f accepted/s%s%n", (now - window.startsAt()) / 1e9,
                    (accepted - previousAccepted) / ((now - previousAt) / 1e9),
                    window.inWarmUp(previousAt) ? "  (warm-up)" : "");
            previousAt = now;
            previousAccepted = accepted;
        }
    }
}
