package org.helperscripts.telemetry.ports.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReportWeekTest {

    @ParameterizedTest(name = "{0} lies in {1}, which starts {2}")
    @CsvSource({
            "2026-05-04T00:00:00Z,      2026-W19, 2026-05-04",
            "2026-05-03T23:59:59.999Z,  2026-W18, 2026-04-27",
            "2026-05-10T23:59:59Z,      2026-W19, 2026-05-04",
            // around new year the ISO year is the week's, not the calendar day's
            "2027-01-01T12:00:00Z,      2026-W53, 2026-12-28",
            "2027-01-04T00:00:00Z,      2027-W01, 2027-01-04",
            "2025-12-29T00:00:00Z,      2026-W01, 2025-12-29",
            "2024-12-31T00:00:00Z,      2025-W01, 2024-12-30"})
    void aTimeLiesInTheIsoWeekOfItsUtcDay(Instant at, String label, LocalDate monday) {
        ReportWeek week = ReportWeek.containing(at);

        assertEquals(label, week.label());
        assertEquals(monday, week.monday());
        assertEquals(week.start().plusSeconds(7 * 24 * 3600), week.end());
    }

    @Test
    void theWeekBeforeIsSevenDaysEarlier() {
        ReportWeek week = ReportWeek.containing(Instant.parse("2027-01-06T10:00:00Z"));

        assertEquals("2026-W53", week.previous().label());
        assertEquals(week.start(), week.previous().end());
    }

    @Test
    void aWeekStartsOnMonday() {
        assertThrows(IllegalArgumentException.class, () -> new ReportWeek(LocalDate.parse("2026-05-05")));
    }
}
