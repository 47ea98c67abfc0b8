package org.helperscripts.telemetry.ports.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.domain.RepoSource;
import org.junit.jupiter.api.Test;

class StatsWindowTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void bucketsAreDaysOrHoursOnly() {
        assertThrows(IllegalArgumentException.class, () -> new StatsWindow(null, NOW, null, ChronoUnit.MINUTES));
        assertEquals(ChronoUnit.HOURS, new StatsWindow(null, NOW, null, ChronoUnit.HOURS).bucket());
    }

    @Test
    void fromMustComeBeforeUntil() {
        assertThrows(IllegalArgumentException.class, () -> new StatsWindow(NOW, NOW, null, ChronoUnit.DAYS));
    }

    @Test
    void untilAndBucketAreRequired() {
        assertThrows(NullPointerException.class, () -> new StatsWindow(null, null, null, ChronoUnit.DAYS));
        assertThrows(NullPointerException.class, () -> new StatsWindow(null, NOW, null, null));
    }

    @Test
    void lastDaysEndsAtUntilAndZeroDaysMeansEveryRecord() {
        StatsWindow week = StatsWindow.lastDays(7, NOW, RepoSource.PROXMOX_VE);
        assertEquals(NOW.minus(7, ChronoUnit.DAYS), week.from());
        assertEquals(NOW, week.until());
        assertNull(StatsWindow.lastDays(0, NOW, null).from());
        assertThrows(IllegalArgumentException.class, () -> StatsWindow.lastDays(-1, NOW, null));
    }

    @Test
    void theListsOfWindowStatsAreUnmodifiableCopies() {
        List<WindowStats.ValueCount> os = new ArrayList<>(List.of(new WindowStats.ValueCount("debian", 3)));
        WindowStats stats = new WindowStats(List.of(), os, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), new WindowStats.DurationSummary(0, 0));
        os.clear();

        assertEquals(1, stats.osTypes().size());
        assertThrows(UnsupportedOperationException.class, () -> stats.osTypes().clear());
    }
}
