package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.domain.GpuPassthrough;
import org.helperscripts.telemetry.domain.GpuVendor;
import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAnswerCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @RegisterExtension
    static final TwoInstancesOnOneRedis REDIS = new TwoInstancesOnOneRedis();

    private final AdjustableClock clock = new AdjustableClock(START);
    private final QueuedExecutor refreshesA = new QueuedExecutor();
    private final QueuedExecutor refreshesB = new QueuedExecutor();
    private RedisAnswerCache instanceA;
    private RedisAnswerCache instanceB;

    @BeforeEach
    void twoInstances() {
        instanceA = new RedisAnswerCache(REDIS.first(), TTL, clock, refreshesA);
        instanceB = new RedisAnswerCache(REDIS.second(), TTL, clock, refreshesB);
    }

    @Test
    void aRecordGraphSurvivesTheTripThroughRedis() {
        WindowStats stats = sampleStats();

        CachedAnswer<WindowStats> computed = instanceA.get("dashboard:30:ProxmoxVE", WindowStats.class, () -> stats);
        CachedAnswer<WindowStats> shared = instanceB.get("dashboard:30:ProxmoxVE", WindowStats.class,
                () -> fail("the answer is in Redis"));

        assertFalse(computed.fromCache());
        assertEquals(stats, shared.value());
        assertTrue(shared.fromCache());
        assertEquals(START, shared.computedAt());
    }

    @Test
    void nullFieldsEnumsAndNestedListsSurviveTheTrip() {
        Sample sample = new Sample(null, Status.FAILED, List.of(new Sample.Part("a", null), new Sample.Part(null, 2)),
                Instant.parse("2026-02-28T23:59:59.123456789Z"));

        instanceA.get("sample", Sample.class, () -> sample);

        assertEquals(sample, instanceB.get("sample", Sample.class, () -> fail("the answer is in Redis")).value());
    }

    @Test
    void twoInstancesShareOneComputation() {
        AtomicInteger computations = new AtomicInteger();

        CachedAnswer<Integer> first = instanceA.get("k", Integer.class, computations::incrementAndGet);
        CachedAnswer<Integer> second = instanceB.get("k", Integer.class, computations::incrementAndGet);

        assertEquals(1, computations.get());
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(1, second.value());
    }

    @Test
    void concurrentMissesInOneInstanceComputeOnce() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<CachedAnswer<Integer>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit(() -> instanceA.get("k", Integer.class, () -> {
                    computing.countDown();
                    awaitQuietly(release);
                    return computations.incrementAndGet();
                })));
            }
            assertTrue(computing.await(10, TimeUnit.SECONDS));
            release.countDown();
            for (Future<CachedAnswer<Integer>> answer : answers) {
                assertEquals(1, answer.get(10, TimeUnit.SECONDS).value());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, computations.get());
    }

    @Test
    void answerLivesUnderThePrefixForTtlPlusGrace() {
        instanceA.get("k", String.class, () -> "dashboard");

        long lifetime = REDIS.raw().pttl("telemetry:answer:k");
        String stored = REDIS.raw().get("telemetry:answer:k");

        assertTrue(lifetime > TTL.toMillis() && lifetime <= TTL.multipliedBy(2).toMillis(), "lifetime " + lifetime);
        assertTrue(stored.contains("\"computedAt\":\"2026-03-01T12:00:00Z\""), stored);
        assertTrue(stored.contains("\"freshUntil\":\"2026-03-01T12:01:00Z\""), stored);
        assertTrue(stored.contains("\"value\":\"dashboard\""), stored);
    }

    @Test
    void redisDropsTheAnswerAfterTtlPlusGrace() {
        // long enough that a loaded machine still finds the key right after writing it
        RedisAnswerCache shortLived = new RedisAnswerCache(REDIS.first(), Duration.ofSeconds(1), Clock.systemUTC(),
                refreshesA);
        shortLived.get("short", String.class, () -> "dashboard");
        assertTrue(REDIS.raw().exists("telemetry:answer:short"));

        Deadline.await(Duration.ofSeconds(10), "Redis drops the answer", () -> !REDIS.raw().exists("telemetry:answer:short"));
        CachedAnswer<String> again = shortLived.get("short", String.class, () -> "recomputed");

        assertEquals("recomputed", again.value());
        assertFalse(again.fromCache());
    }

    @Test
    void staleAnswerIsServedWhileOneInstanceRefreshesItForAll() {
        AtomicInteger computations = new AtomicInteger();
        instanceA.get("k", Integer.class, computations::incrementAndGet);
        clock.advance(TTL.plusSeconds(1));

        CachedAnswer<Integer> stale = instanceB.get("k", Integer.class, computations::incrementAndGet);
        instanceB.get("k", Integer.class, computations::incrementAndGet);
        assertEquals(1, stale.value());
        assertTrue(stale.fromCache());
        assertEquals(1, refreshesB.pending(), "one refresh in the instance that saw it stale");

        refreshesB.runAll();
        CachedAnswer<Integer> refreshed = instanceA.get("k", Integer.class, computations::incrementAndGet);

        assertEquals(2, refreshed.value());
        assertTrue(refreshed.fromCache());
        assertEquals(0, refreshesA.pending(), "the other instance sees it fresh");
        assertEquals(2, computations.get());
    }

    @Test
    void afterTheGracePeriodTheAnswerIsComputedAgainEvenIfRedisStillHoldsIt() {
        instanceA.get("k", String.class, () -> "old");
        clock.advance(TTL.multipliedBy(2));

        CachedAnswer<String> answer = instanceB.get("k", String.class, () -> "new");

        assertEquals("new", answer.value());
        assertFalse(answer.fromCache());
    }

    @Test
    void refreshReplacesTheAnswerForEveryInstance() {
        instanceA.get("k", String.class, () -> "old");

        instanceA.refresh("k", String.class, () -> "warmed");

        assertEquals("warmed", instanceB.get("k", String.class, () -> "computed").value());
    }

    @Test
    void anAnswerThatNoLongerReadsAsItsClassIsComputedAgain() {
        REDIS.raw().set("telemetry:answer:k", "{\"computedAt\":\"2026-03-01T12:00:00Z\",\"freshUntil\":\"2026-03-01T13:00:00Z\","
                + "\"value\":{\"nsapp\":\"x\"}}");

        CachedAnswer<Integer> answer = instanceA.get("k", Integer.class, () -> 7);

        assertEquals(7, answer.value());
        assertFalse(answer.fromCache());
        assertTrue(REDIS.raw().get("telemetry:answer:k").contains("\"value\":7"));
    }

    @Test
    void healthIsUpWhileRedisAnswers() {
        assertEquals(CacheHealth.up("redis"), instanceA.health());
    }

    @Test
    void withoutRedisEveryAnswerIsComputedAndHealthSaysWhy() throws IOException {
        RedisSettings nowhere = RedisSettings.parse("redis://:hunter2-secret@127.0.0.1:" + unusedPort() + "/0");
        try (RedisConnection connection = RedisConnection.open(nowhere)) {
            RedisAnswerCache cache = new RedisAnswerCache(connection, TTL, clock, refreshesA);
            AtomicInteger computations = new AtomicInteger();

            CachedAnswer<Integer> first = cache.get("k", Integer.class, computations::incrementAndGet);
            CachedAnswer<Integer> second = cache.get("k", Integer.class, computations::incrementAndGet);
            CacheHealth health = cache.health();

            assertEquals(1, first.value());
            assertEquals(2, second.value());
            assertFalse(second.fromCache());
            assertEquals("redis", health.kind());
            assertFalse(health.available());
            assertTrue(health.problem().startsWith("unreachable"), health.problem());
            assertFalse(health.problem().contains("hunter2"), health.problem());
        }
    }

    static WindowStats sampleStats() {
        return new WindowStats(
                List.of(new WindowStats.AppStatusCount("jellyfin", InstallType.LXC, Status.SUCCESS, 41),
                        new WindowStats.AppStatusCount("jellyfin", InstallType.LXC, Status.FAILED, 3)),
                List.of(new WindowStats.ValueCount("debian", 30), new WindowStats.ValueCount(null, 4)),
                List.of(new WindowStats.ValueCount("default", 44)),
                List.of(new WindowStats.ValueCount("8.2.4", 44)),
                List.of(new WindowStats.GpuCount(GpuVendor.INTEL, GpuPassthrough.IGPU, 5),
                        new WindowStats.GpuCount(GpuVendor.NVIDIA, null, 1)),
                List.of(new WindowStats.ValueCount("amd", 20)),
                List.of(new WindowStats.ValueCount("network", 3)),
                List.of(new WindowStats.ExitCodeCount(100, 2), new WindowStats.ExitCodeCount(1, 1)),
                List.of(new WindowStats.ErrorTextCount("apt-get failed", "jellyfin", 2)),
                List.of(new WindowStats.BucketCount(Instant.parse("2026-03-01T00:00:00Z"), Status.SUCCESS, 41)),
                new WindowStats.DurationSummary(41, 7544));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    record Sample(String note, Status status, List<Part> parts, Instant at) {
        record Part(String name, Integer size) {
        }
    }

    @Test
    void sampleHasTheNullsItClaims() {
        assertNull(sampleStats().osTypes().get(1).value());
        assertNull(sampleStats().gpus().get(1).passthrough());
    }
}
