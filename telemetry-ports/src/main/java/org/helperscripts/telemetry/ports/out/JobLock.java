package org.helperscripts.telemetry.ports.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Lets one of several service instances run a scheduled job: whoever holds the lock of a job runs
 * it, the others skip that turn.
 */
public interface JobLock {

    /**
     * Takes the lock of {@code job} for at most {@code lease}, after which it frees itself (so a
     * crashed holder cannot block the job for ever).
     *
     * @return the held lease, or empty when another holder has it
     */
    Optional<JobLease> tryAcquire(String job, Duration lease);

    /** A held job lock. Closing it releases the lock, but only while this holder still owns it. */
    interface JobLease extends AutoCloseable {

        String job();

        @Override
        void close();
    }
}
