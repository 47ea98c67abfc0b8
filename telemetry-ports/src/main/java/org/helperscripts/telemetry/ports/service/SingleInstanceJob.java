package org.helperscripts.telemetry.ports.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.helperscripts.telemetry.ports.out.JobLock;
import org.helperscripts.telemetry.ports.out.JobLock.JobLease;

/**
 * One scheduled job that several service instances share: each turn runs on the instance that
 * takes the job's lock, the others skip it. The lock is given back when the turn ends, or frees
 * itself after {@code lease} if its holder dies, so the lease must be longer than a turn takes.
 */
public final class SingleInstanceJob {

    private final JobLock lock;
    private final String job;
    private final Duration lease;

    /**
     * @param job   the lock's name, the same on every instance (e.g. {@code close-stuck-runs})
     * @param lease how long the lock holds at most
     */
    public SingleInstanceJob(JobLock lock, String job, Duration lease) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.job = Objects.requireNonNull(job, "job");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lease of job " + job + " must be positive, was " + lease);
        }
    }

    /**
     * Runs {@code turn} if this instance gets the lock.
     *
     * @param turn the job's work; it must not return null
     * @return what the turn returned, or empty when another instance holds the lock
     */
    public <T> Optional<T> run(Supplier<T> turn) {
        Objects.requireNonNull(turn, "turn");
        Optional<JobLease> held = lock.tryAcquire(job, lease);
        if (held.isEmpty()) {
            return Optional.empty();
        }
        try (JobLease ignored = held.get()) {
            return Optional.of(turn.get());
        }
    }

    public String job() {
        return job;
    }
}
