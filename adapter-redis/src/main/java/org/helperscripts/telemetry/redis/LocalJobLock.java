package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.helperscripts.telemetry.ports.out.JobLock;

/**
 * Job locks inside this process, for a single instance without Redis: one holder per job name
 * until it releases the lock or its lease runs out on the given clock. A lease that ran out
 * cannot free the lock a later holder has taken.
 */
public final class LocalJobLock implements JobLock {

    private final Clock clock;
    private final ConcurrentMap<String, Holding> holdings = new ConcurrentHashMap<>();

    /** @param clock decides when a lease runs out */
    public LocalJobLock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<JobLease> tryAcquire(String job, Duration lease) {
        JobLeases.requireValid(job, lease);
        Instant now = clock.instant();
        Holding mine = new Holding(job, now.plus(lease));
        Holding holder = holdings.compute(job,
                (name, current) -> current == null || !now.isBefore(current.until) ? mine : current);
        return holder == mine ? Optional.of(mine) : Optional.empty();
    }

    /** One grant of a job's lock; identity tells holders apart. */
    private final class Holding implements JobLease {

        private final String job;
        private final Instant until;

        Holding(String job, Instant until) {
            this.job = job;
            this.until = until;
        }

        @Override
        public String job() {
            return job;
        }

        @Override
        public void close() {
            holdings.remove(job, this);
        }

        @Override
        public String toString() {
            return "JobLease[" + job + "]";
        }
    }
}
