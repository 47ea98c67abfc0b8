package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Answers in this process's memory (Caffeine): at most {@code maxEntries} of them, each dropped
 * once its {@link KeptAnswer#goneAt()} has passed on the given clock.
 */
final class MemoryTier implements AnswerTier {

    private final Cache<String, KeptAnswer> answers;

    MemoryTier(long maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a cache must hold at least one answer, was " + maxEntries);
        }
        this.answers = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new UntilGone())
                // the same clock that decides freshness decides expiry, so a test clock moves both
                .ticker(() -> epochNanos(clock.instant()))
                // housekeeping on the caller's thread: cheap, and evictions happen when they are due
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<KeptAnswer> read(String key, Class<?> type) {
        return Optional.ofNullable(answers.getIfPresent(key));
    }

    @Override
    public void write(String key, KeptAnswer answer) {
        answers.put(key, answer);
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Every answer lives until its own goneAt: answers copied from Redis are older than new ones. */
    private static final class UntilGone implements Expiry<String, KeptAnswer> {

        @Override
        public long expireAfterCreate(String key, KeptAnswer answer, long currentTime) {
            return Math.max(0, epochNanos(answer.goneAt()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, KeptAnswer answer, long currentTime, long currentDuration) {
            return expireAfterCreate(key, answer, currentTime);
        }

        @Override
        public long expireAfterRead(String key, KeptAnswer answer, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
