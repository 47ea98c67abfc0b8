package org.helperscripts.telemetry.ports.out;

import java.util.function.Supplier;

/**
 * Keeps computed answers (a dashboard of one range and repository, for example) for a time, so a
 * burst of identical reads computes once. Implementations decide where answers live (this process,
 * a shared Redis) and for how long.
 *
 * <p>Stale-while-revalidate: once an answer has expired it is served one more time, marked as from
 * cache, while a single background computation replaces it. Only a key that was never computed (or
 * was evicted) makes the caller wait, and concurrent callers of one such key wait for one
 * computation.
 */
public interface AnswerCache {

    /**
     * The answer under {@code key}: the cached one while it is fresh or being refreshed, otherwise
     * the one {@code compute} returns now (which is then cached).
     *
     * @param type the answer's class, for caches that keep answers outside this process
     * @throws RuntimeException whatever {@code compute} threw, when there was no answer to serve
     */
    <T> CachedAnswer<T> get(String key, Class<T> type, Supplier<T> compute);

    /**
     * Computes the answer under {@code key} now and caches it, fresh or not: for warming the cache at
     * start and before an answer expires. A failing computation leaves the cached answer as it was.
     */
    <T> void refresh(String key, Class<T> type, Supplier<T> compute);

    /** Where answers are kept and whether that place is reachable now. */
    CacheHealth health();
}
