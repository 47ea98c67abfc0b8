package org.helperscripts.telemetry.pocketbase;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * A fixed set of single-thread lanes; the lane of a write is chosen by the hash of its run key.
 * Writes of one run therefore run one after the other, in the order they came, while writes of
 * other runs proceed on the other lanes. This is what makes read, decision and write atomic per
 * run key within one process; across processes the UNIQUE index on the run key catches a second
 * create.
 */
final class WriteLanes {

    private final ExecutorService[] lanes;

    WriteLanes(int count) {
        lanes = new ExecutorService[count];
        AtomicInteger number = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "pocketbase-write-" + number.incrementAndGet());
                // an unclosed store must not keep the JVM alive
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /**
     * Runs {@code work} on the lane of {@code runKey}.
     *
     * @throws StoreUnavailableException when the lanes are closed
     */
    void execute(String runKey, Runnable work) {
        ExecutorService lane = lanes[Math.floorMod(runKey.hashCode(), lanes.length)];
        try {
            lane.execute(work);
        } catch (RejectedExecutionException closed) {
            throw new StoreUnavailableException("the PocketBase store is closed");
        }
    }

    /** Takes no new work and waits, as long as it takes, for the work already taken. */
    void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        boolean interrupted = false;
        for (ExecutorService lane : lanes) {
            while (!lane.isTerminated()) {
                try {
                    lane.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
