package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.ports.out.CacheHealth;
import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.junit.jupiter.api.Test;

class NoAnswerCacheTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final NoAnswerCache cache = new NoAnswerCache(new AdjustableClock(NOW));

    @Test
    void computesEveryAnswer() {
        AtomicInteger computations = new AtomicInteger();

        cache.get("k", Integer.class, computations::incrementAndGet);
        CachedAnswer<Integer> second = cache.get("k", Integer.class, computations::incrementAndGet);

        assertEquals(2, second.value());
        assertFalse(second.fromCache());
        assertEquals(NOW, second.computedAt());
    }

    @Test
    void refreshComputesNothingAsNothingIsKept() {
        AtomicInteger computations = new AtomicInteger();

        cache.refresh("k", Integer.class, computations::incrementAndGet);

        assertEquals(0, computations.get());
    }

    @Test
    void reportsItselfAsOff() {
        assertEquals(new CacheHealth("off", true, null), cache.health());
    }
}
