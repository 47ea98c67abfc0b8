package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The {@code @now}-style identifiers of PocketBase filters, evaluated in UTC against the server clock. */
final class DateMacros {

    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_000_000);

    private DateMacros() {
    }

    static Optional<Object> value(String identifier, Clock clock) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        Object value = switch (identifier) {
            case "@now" -> date(now);
            case "@yesterday" -> date(now.minusDays(1));
            case "@tomorrow" -> date(now.plusDays(1));
            case "@todayStart" -> date(today.atStartOfDay(ZoneOffset.UTC));
            case "@todayEnd" -> date(today.atTime(END_OF_DAY).atZone(ZoneOffset.UTC));
            case "@monthStart" -> date(today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC));
            case "@monthEnd" -> date(today.withDayOfMonth(today.lengthOfMonth()).atTime(END_OF_DAY).atZone(ZoneOffset.UTC));
            case "@yearStart" -> date(today.withDayOfYear(1).atStartOfDay(ZoneOffset.UTC));
            case "@yearEnd" -> date(today.withDayOfYear(today.lengthOfYear()).atTime(END_OF_DAY).atZone(ZoneOffset.UTC));
            case "@second" -> now.getSecond();
            case "@minute" -> now.getMinute();
            case "@hour" -> now.getHour();
            case "@day" -> now.getDayOfMonth();
            case "@month" -> now.getMonthValue();
            // Go counts weekdays from Sunday = 0
            case "@weekday" -> now.getDayOfWeek().getValue() % 7;
            case "@year" -> now.getYear();
            default -> null;
        };
        return Optional.ofNullable(value);
    }

    private static String date(ZonedDateTime time) {
        return Dates.format(time.toInstant());
    }
}
