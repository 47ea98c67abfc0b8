package org.helperscripts.telemetry.ports.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** One ISO week in UTC: from Monday 00:00 until the next Monday 00:00. */
record ReportWeek(LocalDate monday) {

    ReportWeek {
        if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("an ISO week starts on a Monday, not on " + monday);
        }
    }

    static ReportWeek containing(Instant instant) {
        LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        return new ReportWeek(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    Instant start() {
        return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant end() {
        return next().start();
    }

    ReportWeek previous() {
        return new ReportWeek(monday.minusWeeks(1));
    }

    ReportWeek next() {
        return new ReportWeek(monday.plusWeeks(1));
    }

    /** As ISO 8601 writes it, e.g. {@code 2026-W01}; the year is the week's, which may differ from Monday's. */
    String label() {
        return String.format(Locale.ROOT, "%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
