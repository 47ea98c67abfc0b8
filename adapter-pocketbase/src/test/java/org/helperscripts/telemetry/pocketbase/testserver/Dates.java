package org.helperscripts.telemetry.pocketbase.testserver;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

/** PocketBase's date layout {@code 2006-01-02 15:04:05.000Z} (UTC, milliseconds) and the inputs it accepts. */
final class Dates {

    private static final DateTimeFormatter LAYOUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * A date alone, or with a time after "T" or a space, optional seconds and fraction, and an
     * optional zone ("Z", "+02:00", "+0200"); without a zone the time is UTC.
     */
    private static final DateTimeFormatter ACCEPTED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendPattern("['T'][' ']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
            .toFormatter();

    private Dates() {
    }

    static String format(Instant instant) {
        return LAYOUT.format(instant);
    }

    /** The instant a date input names, or empty for "" and for text PocketBase cannot read. */
    static Optional<Instant> parse(String text) {
        try {
            TemporalAccessor parsed = ACCEPTED.parse(text.strip());
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
            return Optional.of(LocalDateTime.from(parsed).toInstant(offset));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }
}
