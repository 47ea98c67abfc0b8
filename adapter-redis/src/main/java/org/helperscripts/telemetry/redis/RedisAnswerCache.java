package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;

/**
 * Answers in Redis only, shared by every instance that uses the same Redis: an answer one instance
 * computed is served by all. Answers are kept as JSON (records, lists, enums, {@code Instant} and
 * null fields survive the trip), fresh for the TTL, then served stale for as long again while one
 * background computation per instance replaces them; Redis drops them after that.
 *
 * <p>While Redis is unreachable every answer is computed for its caller (concurrent callers of one
 * key still wait for one computation) and {@link #health()} says why; see {@link RedisConnection}
 * for how often Redis is asked again. Most deployments want {@link TieredAnswerCache}, which keeps
 * answers in memory too.
 */
public final class RedisAnswerCache implements AnswerCache {

    /** The kind this cache reports in {@link #health()}. */
    public static final String KIND = "redis";

    private final RedisConnection redis;
    private final StaleWhileRevalidate answers;

    /** A cache on the system clock, refreshing on two daemon threads of its own. */
    public RedisAnswerCache(RedisConnection redis, Duration ttl) {
        this(redis, ttl, Clock.systemUTC(), RefreshThreads.start());
    }

    /**
     * @param redis     the connection, shared with other users of the same Redis in this instance
     * @param ttl       how long an answer is fresh; it is then served stale for as long again
     * @param clock     decides freshness; every instance's clock should roughly agree
     * @param refreshes runs the background refreshes of stale answers
     */
    public RedisAnswerCache(RedisConnection redis, Duration ttl, Clock clock, Executor refreshes) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.answers = new StaleWhileRevalidate(new RedisTier(redis, ttl, clock), ttl, ttl, clock, refreshes);
    }

    @Override
    public <T> CachedAnswer<T> get(String key, Class<T> type, Supplier<T> compute) {
        return answers.get(key, type, compute);
    }

    @Override
    public <T> void refresh(String key, Class<T> type, Supplier<T> compute) {
        answers.refresh(key, compute);
    }

    @Override
    public CacheHealth health() {
        return redis.problemNow().map(problem -> CacheHealth.down(KIND, problem)).orElseGet(() -> CacheHealth.up(KIND));
    }
}
