package org.helperscripts.telemetry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.pocketbase.PocketBaseReportStore;
import org.helperscripts.telemetry.ports.out.SampleReports;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;

class PocketBaseConnectionTest {

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void whilePocketBaseIsAwayOpeningIsTriedAtMostEveryFewSecondsAndEveryCallIsUnavailable() {
        PocketBaseConnection connection = new PocketBaseConnection(() -> {
            attempts.incrementAndGet();
            throw new StoreUnavailableException("PocketBase did not answer");
        }, clock);

        assertUnavailable(connection);
        assertUnavailable(connection);
        assertThrows(StoreUnavailableException.class, () -> connection.find("run-1"));
        assertEquals(1, attempts.get(), "no second attempt within " + PocketBaseConnection.RETRY_OPEN);
        assertFalse(connection.health().available());

        clock.now = clock.now.plus(PocketBaseConnection.RETRY_OPEN);
        assertUnavailable(connection);
        assertEquals(2, attempts.get());
    }

    // Set aside, a report would never be delivered; unavailable, it waits until the collection is fixed.
    @Test
    void anUnfitCollectionFoundAfterTheStartIsUnavailableSoNoReportIsSetAsideForIt() {
        PocketBaseConnection connection = new PocketBaseConnection(() -> {
            throw new IllegalStateException("PocketBase collection 'telemetry' lacks the fields [status]");
        }, clock);

        assertUnavailable(connection);
    }

    @Test
    void anUnfitCollectionFoundAtTheStartStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> PocketBaseConnection.open(() -> {
            throw new IllegalStateException("PocketBase collection 'telemetry' lacks the fields [status]");
        }, clock));
    }

    @Test
    void pocketBaseAwayAtTheStartDoesNotStopTheStart() {
        PocketBaseConnection connection = PocketBaseConnection.open(() -> {
            attempts.incrementAndGet();
            throw new StoreUnavailableException("PocketBase did not answer");
        }, clock);

        assertEquals(1, attempts.get());
        assertEquals("PocketBase not reached since start", connection.health().problem());
    }

    private static void assertUnavailable(PocketBaseConnection connection) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> connection.apply("run-1",
                SampleReports.session(SampleReports.required("run-1", Status.SUCCESS), SampleReports.T0)).get());
        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
    }

    /** A clock a test moves by hand. */
    private static final class MovableClock extends Clock {
        Instant now = SampleReports.T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
