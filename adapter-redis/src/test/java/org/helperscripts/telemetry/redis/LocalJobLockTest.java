package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.helperscripts.telemetry.ports.out.JobLock.JobLease;
import org.junit.jupiter.api.Test;

class LocalJobLockTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final LocalJobLock lock = new LocalJobLock(clock);

    @Test
    void oneHolderPerJob() {
        Optional<JobLease> held = lock.tryAcquire("retention", LEASE);

        assertTrue(held.isPresent());
        assertEquals("retention", held.get().job());
        assertTrue(lock.tryAcquire("retention", LEASE).isEmpty());
        assertTrue(lock.tryAcquire("stuck-runs", LEASE).isPresent(), "each job has its own lock");
    }

    @Test
    void releasingFreesTheJob() {
        lock.tryAcquire("retention", LEASE).orElseThrow().close();

        assertTrue(lock.tryAcquire("retention", LEASE).isPresent());
    }

    @Test
    void aLeaseRunsOutOnTheClock() {
        lock.tryAcquire("retention", LEASE).orElseThrow();

        clock.advance(LEASE.minusSeconds(1));
        assertTrue(lock.tryAcquire("retention", LEASE).isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(lock.tryAcquire("retention", LEASE).isPresent());
    }

    @Test
    void aLeaseThatRanOutCannotReleaseTheNextHoldersLock() {
        JobLease expired = lock.tryAcquire("retention", LEASE).orElseThrow();
        clock.advance(LEASE);
        lock.tryAcquire("retention", LEASE).orElseThrow();

        expired.close();

        assertTrue(lock.tryAcquire("retention", LEASE).isEmpty());
    }

    @Test
    void threadsRacingForAJobNeverBothWin() throws Exception {
        int threads = 8;
        ExecutorService racers = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                String job = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Optional<JobLease>>> tries = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    tries.add(racers.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return lock.tryAcquire(job, LEASE);
                    }));
                }
                int winners = 0;
                for (Future<Optional<JobLease>> attempt : tries) {
                    winners += attempt.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void refusesAMissingJobNameOrAnEmptyLease() {
        assertThrows(IllegalArgumentException.class, () -> lock.tryAcquire(" ", LEASE));
        assertThrows(IllegalArgumentException.class, () -> lock.tryAcquire("retention", Duration.ZERO));
    }
}
