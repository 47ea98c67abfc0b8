package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link org.helperscripts.telemetry.ports.out.AnswerCache} contract over one tier: an answer is
 * fresh for the TTL, then served stale for the grace period while one background computation
 * replaces it, then gone.
 *
 * <p>At most one computation per key runs in this process at a time (a "flight"): callers that
 * find no answer while a flight is under way wait for it instead of computing too. A caller gets
 * {@code fromCache=false} only when its own {@code compute} ran.
 *
 * <p>A failed background refresh keeps the stale answer; the key is not refreshed again before a
 * tenth of the TTL has passed, so a failing computation is not retried on every read, and only the
 * first failure in a row is logged at WARN.
 */
final class StaleWhileRevalidate {

    private static final Logger LOG = LoggerFactory.getLogger(StaleWhileRevalidate.class);

    private final AnswerTier tier;
    private final Duration ttl;
    private final Duration grace;
    private final Duration retryDelay;
    private final Clock clock;
    private final Executor refreshes;
    private final ConcurrentMap<String, CompletableFuture<KeptAnswer>> flights = new ConcurrentHashMap<>();
    /** Keys whose last refresh failed, and when they may be tried again. */
    private final ConcurrentMap<String, Instant> failedRefreshes = new ConcurrentHashMap<>();

    StaleWhileRevalidate(AnswerTier tier, Duration ttl, Duration grace, Clock clock, Executor refreshes) {
        this.tier = Objects.requireNonNull(tier, "tier");
        this.ttl = requirePositive(ttl, "cache TTL");
        this.grace = requirePositive(grace, "cache grace period");
        this.retryDelay = ttl.dividedBy(10);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshes = Objects.requireNonNull(refreshes, "refreshes");
    }

    <T> CachedAnswer<T> get(String key, Class<T> type, Supplier<T> compute) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(compute, "compute");
        Optional<KeptAnswer> kept = servable(key, type);
        if (kept.isPresent()) {
            if (!kept.get().freshAt(clock.instant())) {
                refreshInBackground(key, compute);
            }
            return kept.get().answer(type, true);
        }
        return computeOnce(key, type, compute);
    }

    void refresh(String key, Supplier<?> compute) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(compute, "compute");
        keep(key, compute);
    }

    private Optional<KeptAnswer> servable(String key, Class<?> type) {
        return tier.read(key, type).filter(answer -> answer.servableAt(clock.instant()));
    }

    private <T> CachedAnswer<T> computeOnce(String key, Class<T> type, Supplier<T> compute) {
        CompletableFuture<KeptAnswer> mine = new CompletableFuture<>();
        CompletableFuture<KeptAnswer> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            return outcome(running).answer(type, true);
        }
        try {
            // a flight that ended between our read and our claim has kept its answer already
            Optional<KeptAnswer> landed = servable(key, type).filter(answer -> answer.freshAt(clock.instant()));
            if (landed.isPresent()) {
                mine.complete(landed.get());
                return landed.get().answer(type, true);
            }
            KeptAnswer computed = keep(key, compute);
            mine.complete(computed);
            return computed.answer(type, false);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    private void refreshInBackground(String key, Supplier<?> compute) {
        Instant retryAt = failedRefreshes.get(key);
        if (retryAt != null && clock.instant().isBefore(retryAt)) {
            return;
        }
        CompletableFuture<KeptAnswer> mine = new CompletableFuture<>();
        if (flights.putIfAbsent(key, mine) != null) {
            return;
        }
        try {
            refreshes.execute(() -> refreshNow(key, compute, mine));
        } catch (RejectedExecutionException e) {
            flights.remove(key, mine);
            mine.completeExceptionally(e);
            LOG.warn("Cached answer {} is stale and no refresh thread is free; it is served stale meanwhile", key);
        }
    }

    private void refreshNow(String key, Supplier<?> compute, CompletableFuture<KeptAnswer> mine) {
        try {
            mine.complete(keep(key, compute));
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            if (failedRefreshes.put(key, clock.instant().plus(retryDelay)) == null) {
                LOG.warn("Refreshing cached answer {} failed; the previous answer is served until it expires", key, e);
            } else {
                LOG.debug("Refreshing cached answer {} failed again", key, e);
            }
        } finally {
            flights.remove(key, mine);
        }
    }

    private KeptAnswer keep(String key, Supplier<?> compute) {
        Object value = Objects.requireNonNull(compute.get(), () -> "the answer computed for " + key + " is null");
        Instant now = clock.instant();
        Instant freshUntil = now.plus(ttl);
        KeptAnswer answer = new KeptAnswer(value, now, freshUntil, freshUntil.plus(grace));
        tier.write(key, answer);
        if (failedRefreshes.remove(key) != null) {
            LOG.info("Cached answer {} is refreshed again", key);
        }
        return answer;
    }

    private static KeptAnswer outcome(CompletableFuture<KeptAnswer> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("the computation this call waited for was cancelled", e);
        }
    }

    private static Duration requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
        return duration;
    }
}
