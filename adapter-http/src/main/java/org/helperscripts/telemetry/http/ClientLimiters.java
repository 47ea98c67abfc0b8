package org.helperscripts.telemetry.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * One resilience4j rate limiter per client, kept in a bounded Caffeine cache keyed by the client's
 * {@link ClientPseudonym} — never by its address.
 *
 * <p>Memory stays bounded under a flood of distinct addresses: at most {@code maximumSize}
 * limiters (Caffeine evicts the least useful beyond that), and a limiter idle for two refresh
 * periods is dropped. Dropping an idle limiter changes nothing a client can notice: after one idle
 * period its permits are back to a full burst, exactly what a new limiter gives.
 */
final class ClientLimiters {

    /** About 10 MB of limiters; far more clients than post within a minute, far fewer than a flood. */
    static final long DEFAULT_MAXIMUM_SIZE = 20_000;
    private static final String NAME = "telemetry-client";

    private final RateLimiterConfig config;
    private final Cache<ClientPseudonym, AtomicRateLimiter> limiters;
    private final LongSupplier nanoTime;
    private final long maximumSize;

    ClientLimiters(RateLimits limits, long maximumSize, LongSupplier nanoTime) {
        Duration period = limits.refreshPeriod();
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limits.burst())
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.nanoTime = nanoTime;
        this.maximumSize = maximumSize;
        this.limiters = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(Math.max(2 * period.toNanos(), TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS)
                .ticker(nanoTime::getAsLong)
                .build();
    }

    /**
     * Takes one permit for this client.
     *
     * @return 0 when the request may go on, else the whole seconds until the client's next permit (at least 1)
     */
    long acquire(ClientPseudonym client) {
        AtomicRateLimiter limiter = limiters.get(client, any -> new AtomicRateLimiter(NAME, config, nanoTime::getAsLong));
        if (limiter.acquirePermission()) {
            return 0;
        }
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    long maximumSize() {
        return maximumSize;
    }

    /** How many limiters are held, after pending evictions have run. */
    long size() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }

    /** The keys of the held limiters, for tests that check nothing but pseudonyms is kept. */
    Set<ClientPseudonym> clients() {
        return Set.copyOf(limiters.asMap().keySet());
    }
}
