package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;

/**
 * Answers in this process's memory, for a single instance: at most {@code maxEntries} answers
 * (the least useful are evicted first), each fresh for the TTL and then served stale for as long
 * again while one background computation replaces it. After that it is gone and the next
 * {@link #get} computes it while the caller waits; concurrent callers of one key wait for one
 * computation (only the caller whose {@code compute} ran gets {@code fromCache=false}).
 *
 * <p>A failing background refresh keeps the stale answer until it is gone. {@link #refresh}
 * computes on the caller's thread and throws what the computation threw, leaving the kept answer
 * as it was.
 */
public final class LocalAnswerCache implements AnswerCache {

    /** The kind this cache reports in {@link #health()}. */
    public static final String KIND = "memory";

    private final StaleWhileRevalidate answers;

    /** A cache on the system clock, refreshing on two daemon threads of its own. */
    public LocalAnswerCache(Duration ttl, long maxEntries) {
        this(ttl, maxEntries, Clock.systemUTC(), RefreshThreads.start());
    }

    /**
     * @param ttl        how long an answer is fresh; it is then served stale for as long again
     * @param maxEntries most answers kept at once
     * @param clock      decides freshness and expiry
     * @param refreshes  runs the background refreshes of stale answers
     */
    public LocalAnswerCache(Duration ttl, long maxEntries, Clock clock, Executor refreshes) {
        this.answers = new StaleWhileRevalidate(new MemoryTier(maxEntries, clock), ttl, ttl, clock, refreshes);
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
        return CacheHealth.up(KIND);
    }
}
