package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.ports.out.JobLock;
import org.junit.jupiter.api.Test;

class SingleInstanceJobTest {

    /** One lock for every "instance", as Redis would be; remembers what was asked. */
    private static final class SharedLock implements JobLock {
        final Set<String> held = new HashSet<>();
        final List<Duration> leases = new ArrayList<>();

        @Override
        public synchronized Optional<JobLease> tryAcquire(String job, Duration lease) {
            leases.add(lease);
            if (!held.add(job)) {
                return Optional.empty();
            }
            return Optional.of(new JobLease() {
                @Override
                public String job() {
                    return job;
                }

                @Override
                public void close() {
                    synchronized (SharedLock.this) {
                        held.remove(job);
                    }
                }
            });
        }
    }

    private final SharedLock lock = new SharedLock();

    @Test
    void theInstanceThatTakesTheLockRunsTheTurnAndTheOtherSkipsIt() {
        SingleInstanceJob first = new SingleInstanceJob(lock, "close-stuck-runs", Duration.ofMinutes(10));
        SingleInstanceJob second = new SingleInstanceJob(lock, "close-stuck-runs", Duration.ofMinutes(10));
        AtomicInteger turns = new AtomicInteger();

        Optional<Integer> outer = first.run(() -> {
            Optional<Integer> inner = second.run(turns::incrementAndGet);
            assertTrue(inner.isEmpty(), "the second instance skips while the first holds the lock");
            return 42;
        });

        assertEquals(Optional.of(42), outer);
        assertEquals(0, turns.get());
        assertEquals(List.of(Duration.ofMinutes(10), Duration.ofMinutes(10)), lock.leases);
    }

    @Test
    void theLockIsGivenBackAfterATurnSoTheNextTurnRunsOnWhicheverInstanceAsks() {
        SingleInstanceJob job = new SingleInstanceJob(lock, "purge", Duration.ofMinutes(10));
        job.run(() -> 1);

        assertEquals(Optional.of(2), new SingleInstanceJob(lock, "purge", Duration.ofMinutes(10)).run(() -> 2));
        assertTrue(lock.held.isEmpty());
    }

    @Test
    void aTurnThatThrowsGivesTheLockBackAndThrows() {
        SingleInstanceJob job = new SingleInstanceJob(lock, "purge", Duration.ofMinutes(10));

        assertThrows(IllegalStateException.class, () -> job.run(() -> {
            throw new IllegalStateException("store down");
        }));

        assertTrue(lock.held.isEmpty());
        assertEquals(Optional.of("again"), job.run(() -> "again"));
    }

    @Test
    void otherJobsHaveTheirOwnLock() {
        SingleInstanceJob purge = new SingleInstanceJob(lock, "purge", Duration.ofMinutes(10));
        SingleInstanceJob close = new SingleInstanceJob(lock, "close", Duration.ofMinutes(10));

        assertEquals(Optional.of("both"), purge.run(() -> close.run(() -> "both").orElseThrow()));
    }

    @Test
    void aLeaseThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SingleInstanceJob(lock, "purge", Duration.ZERO));
    }
}
