package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.helperscripts.telemetry.ports.out.CachedAnswer;
import org.junit.jupiter.api.Test;

class LocalAnswerCacheTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private final AdjustableClock clock = new AdjustableClock(START);
    private final QueuedExecutor refreshes = new QueuedExecutor();
    private final LocalAnswerCache cache = new LocalAnswerCache(TTL, 100, clock, refreshes);

    @Test
    void freshAnswerIsServedFromCacheWithoutComputing() {
        Counter counter = new Counter("dashboard");

        CachedAnswer<String> first = cache.get("k", String.class, counter);
        clock.advance(TTL.minusSeconds(1));
        CachedAnswer<String> second = cache.get("k", String.class, counter);

        assertFalse(first.fromCache());
        assertEquals(START, first.computedAt());
        assertTrue(second.fromCache());
        assertEquals("dashboard#1", second.value());
        assertEquals(START, second.computedAt());
        assertEquals(1, counter.calls());
        assertEquals(0, refreshes.pending(), "a fresh answer starts no refresh");
    }

    @Test
    void eightConcurrentMissesOfOneKeyComputeOnce() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<String> slow = () -> {
            computations.incrementAndGet();
            computing.countDown();
            await(release);
            return "dashboard";
        };
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<CachedAnswer<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit(() -> cache.get("k", String.class, slow)));
            }
            assertTrue(computing.await(10, TimeUnit.SECONDS));
            release.countDown();
            int computedHere = 0;
            for (Future<CachedAnswer<String>> answer : answers) {
                CachedAnswer<String> got = answer.get(10, TimeUnit.SECONDS);
                assertEquals("dashboard", got.value());
                computedHere += got.fromCache() ? 0 : 1;
            }
            assertEquals(1, computations.get());
            assertEquals(1, computedHere, "only the caller whose computation ran sees fromCache=false");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void expiredAnswerIsServedStaleOnceAndRefreshedOnceInTheBackground() {
        Counter counter = new Counter("dashboard");
        cache.get("k", String.class, counter);
        clock.advance(TTL.plusSeconds(1));

        CachedAnswer<String> stale = cache.get("k", String.class, counter);
        CachedAnswer<String> staleAgain = cache.get("k", String.class, counter);

        assertEquals("dashboard#1", stale.value());
        assertTrue(stale.fromCache());
        assertEquals("dashboard#1", staleAgain.value());
        assertEquals(1, counter.calls(), "the stale answer was served without waiting for a computation");
        assertEquals(1, refreshes.pending(), "one refresh per key, however many callers saw it stale");

        assertEquals(1, refreshes.runAll());
        CachedAnswer<String> refreshed = cache.get("k", String.class, counter);

        assertEquals("dashboard#2", refreshed.value());
        assertTrue(refreshed.fromCache());
        assertEquals(START.plus(TTL).plusSeconds(1), refreshed.computedAt());
        assertEquals(0, refreshes.pending(), "the refreshed answer is fresh again");
    }

    @Test
    void afterTheGracePeriodTheCallerWaitsForANewAnswer() {
        Counter counter = new Counter("dashboard");
        cache.get("k", String.class, counter);
        clock.advance(TTL.multipliedBy(2));

        CachedAnswer<String> answer = cache.get("k", String.class, counter);

        assertEquals("dashboard#2", answer.value());
        assertFalse(answer.fromCache());
        assertEquals(0, refreshes.pending());
    }

    @Test
    void failingRefreshKeepsTheStaleAnswerAndIsNotRetriedOnEveryRead() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<String> failsAfterFirst = () -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("store unavailable");
            }
            return "dashboard";
        };
        cache.get("k", String.class, failsAfterFirst);
        clock.advance(TTL.plusSeconds(1));

        cache.get("k", String.class, failsAfterFirst);
        refreshes.runAll();
        CachedAnswer<String> afterFailure = cache.get("k", String.class, failsAfterFirst);

        assertEquals("dashboard", afterFailure.value());
        assertTrue(afterFailure.fromCache());
        assertEquals(START, afterFailure.computedAt());
        assertEquals(0, refreshes.pending(), "a failed refresh is not tried again at once");

        clock.advance(TTL.dividedBy(10));
        cache.get("k", String.class, failsAfterFirst);
        assertEquals(1, refreshes.pending(), "tried again a tenth of the TTL later");
    }

    @Test
    void failingComputationOfAMissReachesTheCallerAndKeepsNothing() {
        IllegalStateException failure = new IllegalStateException("store unavailable");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> cache.get("k", String.class, () -> {
                    throw failure;
                }));
        CachedAnswer<String> next = cache.get("k", String.class, () -> "dashboard");

        assertSame(failure, thrown);
        assertEquals("dashboard", next.value());
        assertFalse(next.fromCache());
    }

    @Test
    void sizeBoundEvictsAnswers() {
        LocalAnswerCache small = new LocalAnswerCache(TTL, 3, clock, refreshes);
        AtomicInteger computations = new AtomicInteger();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10; i++) {
                int n = i;
                small.get("k" + i, Integer.class, () -> {
                    computations.incrementAndGet();
                    return n;
                });
            }
        }

        assertTrue(computations.get() >= 10 + 7,
                "at most 3 of 10 answers can survive a bound of 3, computed " + computations.get());
    }

    @Test
    void refreshReplacesTheAnswerAndMakesItFresh() {
        Counter counter = new Counter("dashboard");
        cache.get("k", String.class, counter);
        clock.advance(TTL.minusSeconds(1));

        cache.refresh("k", String.class, () -> "warmed");
        clock.advance(TTL.minusSeconds(1));
        CachedAnswer<String> answer = cache.get("k", String.class, counter);

        assertEquals("warmed", answer.value());
        assertTrue(answer.fromCache());
        assertEquals(START.plus(TTL).minusSeconds(1), answer.computedAt());
        assertEquals(0, refreshes.pending(), "the refreshed answer is still fresh");
    }

    @Test
    void failingRefreshLeavesTheKeptAnswer() {
        cache.get("k", String.class, () -> "dashboard");

        assertThrows(IllegalStateException.class, () -> cache.refresh("k", String.class, () -> {
            throw new IllegalStateException("store unavailable");
        }));

        assertEquals("dashboard", cache.get("k", String.class, () -> "other").value());
    }

    @Test
    void reportsItselfAsMemoryAndAvailable() {
        assertEquals(new org.helperscripts.telemetry.ports.out.CacheHealth("memory", true, null), cache.health());
    }

    @Test
    void refusesANonPositiveTtlOrSize() {
        assertThrows(IllegalArgumentException.class, () -> new LocalAnswerCache(Duration.ZERO, 10, clock, refreshes));
        assertThrows(IllegalArgumentException.class, () -> new LocalAnswerCache(TTL, 0, clock, refreshes));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Answers "name#n" on its n-th call. */
    private static final class Counter implements Supplier<String> {
        private final String name;
        private final AtomicInteger calls = new AtomicInteger();

        Counter(String name) {
            this.name = name;
        }

        @Override
        public String get() {
            return name + "#" + calls.incrementAndGet();
        }

        int calls() {
            return calls.get();
        }
    }
}
