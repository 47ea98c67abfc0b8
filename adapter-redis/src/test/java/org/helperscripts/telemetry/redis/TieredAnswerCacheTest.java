package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class TieredAnswerCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private static RedisServerProcess server;

    private final QueuedExecutor refreshes = new QueuedExecutor();
    private RedisClient raw;
    private RedisConnection connection;

    @BeforeAll
    static void startRedis() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void emptyRedis() {
        if (!server.running()) {
            server.restart();
        }
        raw = RedisClient.create("127.0.0.1", server.port());
        raw.flushAll();
    }

    @AfterEach
    void closeConnections() {
        raw.close();
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void answersGoToMemoryAndRedisAndAreSharedByInstances() {
        connection = open();
        try (RedisConnection other = open()) {
            TieredAnswerCache instanceA = cache(connection, Clock.systemUTC());
            TieredAnswerCache instanceB = cache(other, Clock.systemUTC());

            CachedAnswer<String> computed = instanceA.get("k", String.class, () -> "dashboard");
            CachedAnswer<String> shared = instanceB.get("k", String.class, () -> fail("the answer is in Redis"));
            raw.del("telemetry:answer:k");
            CachedAnswer<String> fromMemory = instanceB.get("k", String.class, () -> fail("the answer is in memory"));

            assertFalse(computed.fromCache());
            assertTrue(shared.fromCache());
            assertEquals("dashboard", shared.value());
            assertEquals("dashboard", fromMemory.value());
            assertEquals(CacheHealth.up("memory+redis"), instanceA.health());
        }
    }

    @Test
    void keepsAnsweringWhileRedisIsAwayAndUsesItAgainWhenItIsBack() {
        connection = open();
        TieredAnswerCache cache = cache(connection, Clock.systemUTC());
        AtomicInteger computations = new AtomicInteger();
        cache.get("before", Integer.class, computations::incrementAndGet);
        assertTrue(raw.exists("telemetry:answer:before"));

        server.stop();
        CachedAnswer<Integer> kept = cache.get("before", Integer.class, computations::incrementAndGet);
        CachedAnswer<Integer> computed = cache.get("during", Integer.class, computations::incrementAndGet);
        CachedAnswer<Integer> keptDuring = cache.get("during", Integer.class, computations::incrementAndGet);
        CacheHealth down = cache.health();

        assertEquals(1, kept.value());
        assertTrue(kept.fromCache());
        assertEquals(2, computed.value());
        assertFalse(computed.fromCache());
        assertEquals(2, keptDuring.value());
        assertTrue(keptDuring.fromCache(), "answers computed while Redis is away are kept in memory");
        assertEquals("memory+redis", down.kind());
        assertFalse(down.available());
        assertTrue(down.problem().startsWith("unreachable"), down.problem());

        server.restart();
        Deadline.await(RECOVERY, "health shows Redis again", () -> cache.health().available());
        try (RedisClient again = RedisClient.create("127.0.0.1", server.port())) {
            cache.get("after", Integer.class, computations::incrementAndGet);
            cache.refresh("during", Integer.class, () -> 20);

            assertTrue(again.exists("telemetry:answer:after"), "new answers go to Redis again");
            assertTrue(again.get("telemetry:answer:during").contains("\"value\":20"));
        }
        assertEquals(CacheHealth.up("memory+redis"), cache.health());
    }

    @Test
    void startsWithRedisAwayAndPicksItUpLater() {
        server.stop();
        connection = open();
        TieredAnswerCache cache = cache(connection, Clock.systemUTC());
        AtomicInteger computations = new AtomicInteger();

        CachedAnswer<Integer> first = cache.get("k", Integer.class, computations::incrementAndGet);
        CachedAnswer<Integer> second = cache.get("k", Integer.class, computations::incrementAndGet);

        assertFalse(cache.health().available());
        assertEquals(1, first.value());
        assertTrue(second.fromCache());
        assertEquals(1, computations.get());

        server.restart();
        Deadline.await(RECOVERY, "health shows Redis", () -> cache.health().available());
        try (RedisClient again = RedisClient.create("127.0.0.1", server.port())) {
            cache.get("later", Integer.class, computations::incrementAndGet);
            assertTrue(again.exists("telemetry:answer:later"));
        }
    }

    @Test
    void aStaleAnswerInMemoryIsReplacedByTheOneAnotherInstanceRefreshed() {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-01T12:00:00Z"));
        QueuedExecutor refreshesB = new QueuedExecutor();
        connection = open();
        try (RedisConnection other = open()) {
            TieredAnswerCache instanceA = cache(connection, clock);
            TieredAnswerCache instanceB = new TieredAnswerCache(other, TTL, 100, clock, refreshesB);
            instanceA.get("k", String.class, () -> "first");
            instanceB.get("k", String.class, () -> fail("the answer is in Redis"));
            clock.advance(TTL.plusSeconds(1));

            CachedAnswer<String> stale = instanceA.get("k", String.class, () -> "second");
            refreshes.runAll();
            CachedAnswer<String> fromOther = instanceB.get("k", String.class, () -> fail("instance A refreshed it"));

            assertEquals("first", stale.value());
            assertEquals("second", fromOther.value());
            assertTrue(fromOther.fromCache());
            assertEquals(0, refreshesB.pending(), "instance B found a fresh answer and refreshes nothing");
        }
    }

    private RedisConnection open() {
        return RedisConnection.open(RedisSettings.parse(server.url())
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    private TieredAnswerCache cache(RedisConnection redis, Clock clock) {
        return new TieredAnswerCache(redis, TTL, 100, clock, refreshes);
    }
}
