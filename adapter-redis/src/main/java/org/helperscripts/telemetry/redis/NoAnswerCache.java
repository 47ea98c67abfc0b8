package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

import org.helperscripts.telemetry.ports.out.AnswerCache;
import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;

/**
 * No cache ({@code ENABLE_CACHE=false}): every answer is computed for its caller. {@link #refresh}
 * does nothing, as there is nowhere to keep the answer.
 */
public final class NoAnswerCache implements AnswerCache {

    /** The kind this cache reports in {@link #health()}. */
    public static final String KIND = "off";

    private final Clock clock;

    /** @param clock stamps each answer's computedAt */
    public NoAnswerCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public <T> CachedAnswer<T> get(String key, Class<T> type, Supplier<T> compute) {
        T value = Objects.requireNonNull(compute.get(), () -> "the answer computed for " + key + " is null");
        return new CachedAnswer<>(value, false, clock.instant());
    }

    @Override
    public <T> void refresh(String key, Class<T> type, Supplier<T> compute) {
        // nothing is kept, so there is nothing to warm
    }

    @Override
    public CacheHealth health() {
        return CacheHealth.up(KIND);
    }
}
