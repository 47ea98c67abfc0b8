package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.helperscripts.telemetry.ports.out.JobLock.JobLease;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisJobLockTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @RegisterExtension
    static final TwoInstancesOnOneRedis REDIS = new TwoInstancesOnOneRedis();

    private RedisJobLock instanceA;
    private RedisJobLock instanceB;

    @BeforeEach
    void twoInstances() {
        instanceA = new RedisJobLock(REDIS.first());
        instanceB = new RedisJobLock(REDIS.second());
    }

    @Test
    void oneInstanceHoldsAJobWhileTheOtherIsRefused() {
        Optional<JobLease> held = instanceA.tryAcquire("retention", LONG);
        Optional<JobLease> refused = instanceB.tryAcquire("retention", LONG);
        Optional<JobLease> otherJob = instanceB.tryAcquire("stuck-runs", LONG);

        assertTrue(held.isPresent());
        assertEquals("retention", held.get().job());
        assertTrue(refused.isEmpty());
        assertTrue(otherJob.isPresent(), "each job has its own lock");
        long lifetime = REDIS.raw().pttl("telemetry:lock:retention");
        assertTrue(lifetime > 0 && lifetime <= LONG.toMillis(), "lease " + lifetime);
    }

    @Test
    void twoInstancesRacingForAJobNeverBothWin() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                String job = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Optional<JobLease>> a = racers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return instanceA.tryAcquire(job, LONG);
                });
                Future<Optional<JobLease>> b = racers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return instanceB.tryAcquire(job, LONG);
                });
                int winners = (a.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0)
                        + (b.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0);
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void releasingFreesTheJobAtOnce() {
        JobLease lease = instanceA.tryAcquire("retention", LONG).orElseThrow();

        lease.close();

        assertTrue(instanceB.tryAcquire("retention", LONG).isPresent());
    }

    @Test
    void aLeaseThatRanOutCannotReleaseTheNextHoldersLock() {
        JobLease expired = instanceA.tryAcquire("retention", Duration.ofMillis(100)).orElseThrow();
        Deadline.await(Duration.ofSeconds(10), "the lease runs out and B takes the job",
                () -> instanceB.tryAcquire("retention", LONG).isPresent());

        expired.close();

        assertTrue(REDIS.raw().exists("telemetry:lock:retention"), "B's lock survives A's late release");
        assertTrue(instanceA.tryAcquire("retention", LONG).isEmpty());
    }

    @Test
    void aLeaseRunsOutByItself() {
        // long enough that a loaded machine still sees it held at first
        instanceA.tryAcquire("retention", Duration.ofSeconds(1)).orElseThrow();
        assertTrue(instanceB.tryAcquire("retention", LONG).isEmpty());

        Deadline.await(Duration.ofSeconds(10), "the lease frees the job",
                () -> instanceB.tryAcquire("retention", LONG).isPresent());
    }

    @Test
    void tenThreadsOnEachOfTwoInstancesRunEveryTurnExactlyOnce() throws Exception {
        int turns = 25;
        int workers = 20;
        AtomicIntegerArray runs = new AtomicIntegerArray(turns);
        CyclicBarrier turnStarts = new CyclicBarrier(workers);
        CyclicBarrier everyoneTried = new CyclicBarrier(workers);
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                RedisJobLock lock = w % 2 == 0 ? instanceA : instanceB;
                done.add(threads.submit(() -> {
                    for (int turn = 0; turn < turns; turn++) {
                        int current = turn;
                        turnStarts.await(10, TimeUnit.SECONDS);
                        Optional<JobLease> lease = lock.tryAcquire("weekly-report", LONG);
                        lease.ifPresent(held -> runs.incrementAndGet(current));
                        // the holder keeps the lock until every worker has tried this turn
                        everyoneTried.await(10, TimeUnit.SECONDS);
                        lease.ifPresent(JobLease::close);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int turn = 0; turn < turns; turn++) {
            assertEquals(1, runs.get(turn), "turn " + turn);
        }
        assertFalse(REDIS.raw().exists("telemetry:lock:weekly-report"), "the last holder released the lock");
    }

    @Test
    void withoutRedisNoLockIsGrantedAndNothingThrows() throws IOException {
        RedisSettings nowhere = RedisSettings.parse("redis://127.0.0.1:" + unusedPort());
        try (RedisConnection connection = RedisConnection.open(nowhere)) {
            RedisJobLock lock = new RedisJobLock(connection);

            assertTrue(lock.tryAcquire("retention", LONG).isEmpty());
            assertTrue(lock.tryAcquire("retention", LONG).isEmpty());
        }
    }

    @Test
    void aLeaseReleasedWhileRedisIsAwayRunsOutByItself() {
        try (RedisServerProcess own = RedisServerProcess.start();
             RedisConnection connection = RedisConnection.open(RedisSettings.parse(own.url()))) {
            JobLease lease = new RedisJobLock(connection).tryAcquire("retention", LONG).orElseThrow();
            own.stop();

            assertDoesNotThrow(lease::close);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
