package org.helperscripts.telemetry.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class ReachabilityTest {

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final Reachability reachability = new Reachability("redis://redis:6379/0", "hunter2", clock,
            Duration.ofSeconds(1), Duration.ofSeconds(4));

    @Test
    void answeringRedisMayAlwaysBeAsked() {
        assertTrue(reachability.mayTry());
        assertTrue(reachability.mayTry());
        assertEquals(Optional.empty(), reachability.problem());
    }

    @Test
    void afterAFailureRedisIsLeftAloneUntilTheWaitIsOverThenTriedByOneCaller() {
        reachability.failed(refused());

        assertFalse(reachability.mayTry());
        clock.advance(Duration.ofMillis(999));
        assertFalse(reachability.mayTry());
        clock.advance(Duration.ofMillis(1));
        assertTrue(reachability.mayTry(), "the wait is over: one caller tries");
        assertFalse(reachability.mayTry(), "the others wait for that try");
    }

    @Test
    void eachFailedTryDoublesTheWaitUpToTheLongest() {
        reachability.failed(refused());
        assertEquals(Duration.ofSeconds(1), waitUntilOneMayTry());
        reachability.failed(refused());
        assertEquals(Duration.ofSeconds(2), waitUntilOneMayTry());
        reachability.failed(refused());
        assertEquals(Duration.ofSeconds(4), waitUntilOneMayTry());
        reachability.failed(refused());
        assertEquals(Duration.ofSeconds(4), waitUntilOneMayTry());
    }

    @Test
    void failuresOfCallsThatBeganBeforeTheOutageDoNotLengthenTheWait() {
        reachability.failed(refused());
        reachability.failed(refused());
        reachability.failed(refused());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(reachability.mayTry());
    }

    @Test
    void anAnswerEndsTheOutage() {
        reachability.failed(refused());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(reachability.mayTry());

        reachability.answered();

        assertEquals(Optional.empty(), reachability.problem());
        assertTrue(reachability.mayTry());
        reachability.failed(refused());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(reachability.mayTry(), "the next outage starts again with the first wait");
    }

    @Test
    void theProblemNamesTheCauseButNeverThePassword() {
        reachability.failed(new JedisConnectionException("AUTH hunter2 refused", new ConnectException("Connection refused")));
        assertEquals(Optional.of("unreachable: ConnectException: Connection refused"), reachability.problem());

        clock.advance(Duration.ofSeconds(1));
        reachability.mayTry();
        reachability.failed(new JedisConnectionException("WRONGPASS for hunter2"));
        assertEquals(Optional.of("unreachable: JedisConnectionException: WRONGPASS for (hidden)"), reachability.problem());
    }

    /** Moves the clock until a caller may try (and so claims that try); returns how far it moved. */
    private Duration waitUntilOneMayTry() {
        Duration waited = Duration.ZERO;
        while (!reachability.mayTry()) {
            clock.advance(Duration.ofMillis(100));
            waited = waited.plusMillis(100);
        }
        return waited;
    }

    private static JedisConnectionException refused() {
        return new JedisConnectionException(new ConnectException("Connection refused"));
    }
}
