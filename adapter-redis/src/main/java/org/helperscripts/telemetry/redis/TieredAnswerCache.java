package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;

/**
 * Answers in this process's memory in front of Redis, for several instances behind one proxy: a
 * read looks in memory, then (when the answer there is missing or stale) in Redis, and only then
 * computes; a computed answer goes to both. An answer another instance refreshed in Redis replaces
 * a stale one in memory, so the instances compute each answer about once per TTL between them.
 * Freshness, grace period and single flight are those of {@link LocalAnswerCache}.
 *
 * <p>Redis may be unreachable at start or go away later: answers are then served from memory and
 * computed when needed, {@link #health()} reports the problem, and Redis is asked again only after
 * a growing wait (see {@link RedisConnection}). Once it answers, new answers go to it again.
 */
public final class TieredAnswerCache implements AnswerCache {

    /** The kind this cache reports in {@link #health()}. */
    public static final String KIND = "memory+redis";

    private final RedisConnection redis;
    private final StaleWhileRevalidate answers;

    /** A cache on the system clock, refreshing on two daemon threads of its own. */
    public TieredAnswerCache(RedisConnection redis, Duration ttl, long maxEntries) {
        this(redis, ttl, maxEntries, Clock.systemUTC(), RefreshThreads.start());
    }

    /**
     * @param redis      the connection, shared with other users of the same Redis in this instance
     * @param ttl        how long an answer is fresh; it is then served stale for as long again
     * @param maxEntries most answers kept in memory at once
     * @param clock      decides freshness; every instance's clock should roughly agree
     * @param refreshes  runs the background refreshes of stale answers
     */
    public TieredAnswerCache(RedisConnection redis, Duration ttl, long maxEntries, Clock clock, Executor refreshes) {
        this.redis = Objects.requireNonNull(redis, "redis");
        AnswerTier tiers = new MemoryBeforeRedis(new MemoryTier(maxEntries, clock), new RedisTier(redis, ttl, clock),
                clock);
        this.answers = new StaleWhileRevalidate(tiers, ttl, ttl, clock, refreshes);
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

    /** Memory first; Redis only when memory has nothing fresh. */
    private record MemoryBeforeRedis(MemoryTier memory, RedisTier redis, Clock clock) implements AnswerTier {

        @Override
        public Optional<KeptAnswer> read(String key, Class<?> type) {
            Optional<KeptAnswer> local = memory.read(key, type);
            if (local.isPresent() && local.get().freshAt(clock.instant())) {
                return local;
            }
            Optional<KeptAnswer> shared = redis.read(key, type);
            if (shared.isPresent()
                    && (local.isEmpty() || shared.get().freshUntil().isAfter(local.get().freshUntil()))) {
                memory.write(key, shared.get());
                return shared;
            }
            return local;
        }

        @Override
        public void write(String key, KeptAnswer answer) {
            memory.write(key, answer);
            redis.write(key, answer);
        }
    }
}
