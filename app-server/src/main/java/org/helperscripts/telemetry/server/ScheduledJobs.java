package org.helperscripts.telemetry.server;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.ports.out.JobLock;
import org.helperscripts.telemetry.ports.out.JobLock.JobLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the service's jobs on a timer, each on one instance per turn: a turn starts by taking the
 * job's lock for most of the period, and an instance that cannot take it skips that turn. The
 * lease is not given back after the work, so the other instances skip the rest of the period too;
 * it frees itself before the next turn. A failing job is logged and tried again next turn.
 */
final class ScheduledJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final JobLock lock;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "telemetry-jobs");
        thread.setDaemon(true);
        return thread;
    });

    ScheduledJobs(JobLock lock) {
        this.lock = lock;
    }

    /** Runs {@code work} every {@code period}, the first time after {@code firstDelay}. */
    void every(String job, Duration period, Duration firstDelay, Runnable work) {
        Duration lease = period.multipliedBy(9).dividedBy(10);
        timer.scheduleWithFixedDelay(() -> turn(job, lease, work), firstDelay.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One turn: runs {@code work} when this instance gets the job's lock; whether it ran. */
    boolean turn(String job, Duration lease, Runnable work) {
        try {
            Optional<JobLease> held = lock.tryAcquire(job, lease);
            if (held.isEmpty()) {
                return false;
            }
            work.run();
            return true;
        } catch (RuntimeException failed) {
            LOG.warn("job {} failed, next turn tries again: {}", job, failed.toString());
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
