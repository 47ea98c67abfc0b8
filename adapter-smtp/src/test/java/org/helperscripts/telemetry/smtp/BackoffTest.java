package org.helperscripts.telemetry.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2));

    @Test
    void eachRetryWaitsTwiceAsLongAsThePrevious() {
        assertEquals(Duration.ofSeconds(1), backoff.before(1, 0.0));
        assertEquals(Duration.ofSeconds(2), backoff.before(2, 0.0));
        assertEquals(Duration.ofSeconds(4), backoff.before(3, 0.0));
        assertEquals(Duration.ofSeconds(8), backoff.before(4, 0.0));
    }

    @Test
    void jitterTakesOffAtMostHalf() {
        assertEquals(Duration.ofMillis(1_500), backoff.before(1, 0.5));
        assertEquals(Duration.ofMillis(6_000), backoff.before(3, 0.5));
        Duration longest = backoff.before(3, Math.nextDown(1.0));
        assertTrue(longest.compareTo(Duration.ofSeconds(8)) < 0 && longest.compareTo(Duration.ofMillis(7_999)) > 0,
                longest.toString());
    }

    @Test
    void noWaitIsLongerThanAMinute() {
        assertEquals(Duration.ofSeconds(30), backoff.before(10, 0.0));
        assertEquals(Duration.ofSeconds(30), backoff.before(Integer.MAX_VALUE, 0.0));
    }

    @Test
    void aZeroFirstBackoffNeverWaits() {
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO).before(5, 0.7));
    }
}
