package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.redis.RedisConnection;
import org.helperscripts.telemetry.redis.RedisJobLock;
import org.helperscripts.telemetry.redis.RedisServerProcess;
import org.helperscripts.telemetry.redis.RedisSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two service instances share one real redis-server: each turn of a job runs on one of them. */
class ScheduledJobsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private RedisServerProcess redis;
    private RedisConnection first;
    private RedisConnection second;
    private ScheduledJobs one;
    private ScheduledJobs two;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.start();
        first = RedisConnection.open(RedisSettings.parse(redis.url()));
        second = RedisConnection.open(RedisSettings.parse(redis.url()));
        one = new ScheduledJobs(new RedisJobLock(first));
        two = new ScheduledJobs(new RedisJobLock(second));
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
        first.close();
        second.close();
        redis.close();
    }

    @Test
    void aTurnBothInstancesReachAtOnceRunsOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            List<Future<Boolean>> turns = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ScheduledJobs instance = i % 2 == 0 ? one : two;
                turns.add(callers.submit(() -> {
                    go.await();
                    return instance.turn("failure-alert", LEASE, runs::incrementAndGet);
                }));
            }
            go.countDown();
            int ran = 0;
            for (Future<Boolean> turn : turns) {
                ran += turn.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, ran);
            assertEquals(1, runs.get());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theLeaseIsKeptForTheRestOfThePeriodSoTheOtherInstanceSkipsIt() {
        assertTrue(one.turn("cleanup", LEASE, () -> { }));

        assertFalse(two.turn("cleanup", LEASE, () -> { }));
        assertFalse(one.turn("cleanup", LEASE, () -> { }));
        assertTrue(two.turn("weekly-report", LEASE, () -> { }), "other jobs have locks of their own");
    }

    @Test
    void aFailingJobIsAFailedTurnNotAStoppedScheduler() {
        boolean ran = one.turn("cleanup", LEASE, () -> {
            throw new IllegalStateException("store unavailable");
        });

        assertFalse(ran);
        assertTrue(one.turn("failure-alert", LEASE, () -> { }));
    }
}
