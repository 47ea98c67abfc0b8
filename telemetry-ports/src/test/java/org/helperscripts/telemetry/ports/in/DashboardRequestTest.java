package org.helperscripts.telemetry.ports.in;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:17:42Z");

    @Test
    void oneDayIsTheCurrentHourAndTheTwentyThreeBeforeItByHour() {
        StatsWindow window = new DashboardRequest(1, RepoSource.PROXMOX_VE).window(NOW);

        assertEquals(Instant.parse("2026-11-22T11:00:00Z"), window.from());
        assertEquals(Instant.parse("2026-11-23T11:00:00Z"), window.until());
        assertEquals(ChronoUnit.HOURS, window.bucket());
        assertEquals(RepoSource.PROXMOX_VE, window.repo());
    }

    @Test
    void sevenDaysAreTodayAndTheSixDaysBeforeItByDay() {
        StatsWindow window = new DashboardRequest(7, null).window(NOW);

        assertEquals(Instant.parse("2026-11-17T00:00:00Z"), window.from());
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), window.until());
        assertEquals(ChronoUnit.DAYS, window.bucket());
        assertNull(window.repo());
    }

    @Test
    void zeroDaysIsEveryRecordUntilTheEndOfToday() {
        StatsWindow window = new DashboardRequest(0, RepoSource.EXTERNAL).window(NOW);

        assertNull(window.from());
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), window.until());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 2, 14, 31, 366})
    void onlyTheOfferedRangesExist(int days) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> new DashboardRequest(days, null));
        assertEquals("days must be one of [1, 7, 30, 90, 365, 0], was " + days, refused.getMessage());
    }

    @Test
    void cacheKeysTellRangesAndRepositoriesApart() {
        assertEquals("dashboard:30:ProxmoxVED", new DashboardRequest(30, RepoSource.PROXMOX_VED).cacheKey());
        assertEquals("dashboard:0:all", new DashboardRequest(0, null).cacheKey());
    }
}
