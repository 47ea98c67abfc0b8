package org.helperscripts.telemetry.migrate;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * A record's creation time as the old exports wrote it: ISO 8601 text with an offset or Z,
 * without one (then UTC), with a space instead of the 'T', or epoch milliseconds as a number.
 *
 * <p>Nearly every record holds {@code yyyy-MM-ddTHH:mm:ss[.fraction]} with Z, an offset or
 * nothing; that layout is read by hand, because the general formatters cost more than the rest
 * of a record's translation. Whatever the hand reader does not take goes to the formatters,
 * which decide.
 */
final class LegacyTime {

    private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter();

    /** Where the fraction or the zone starts in the common layout. */
    private static final int AFTER_SECONDS = 19;

    private LegacyTime() {
    }

    /** The instant of {@code value}, or null when it holds none. */
    static Instant parse(Object value) {
        if (value instanceof Number number && !(number instanceof BigDecimal)) {
            return Instant.ofEpochMilli(number.longValue());
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        Instant common = commonLayout(text);
        return common != null ? common : byFormatters(text);
    }

    private static Instant byFormatters(String text) {
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(text, LOCAL_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** {@code yyyy-MM-dd[T ]HH:mm:ss[.f…]} then Z, {@code ±HH:MM} or nothing; else null. */
    private static Instant commonLayout(String text) {
        int length = text.length();
        if (length < AFTER_SECONDS || text.charAt(4) != '-' || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != ' ')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int position = AFTER_SECONDS;
        int nanos = 0;
        if (position < length && text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && position - start < 9 && isDigit(text.charAt(position))) {
                nanos = nanos * 10 + (text.charAt(position++) - '0');
            }
            if (position == start) {
                return null;
            }
            for (int i = position - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offset(text, position);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The offset in seconds of the zone that ends the text at {@code position}; MIN_VALUE when it is none. */
    private static int offset(String text, int position) {
        int rest = text.length() - position;
        if (rest == 0) {
            return 0;
        }
        if (rest == 1 && text.charAt(position) == 'Z') {
            return 0;
        }
        char sign = text.charAt(position);
        if (rest != 6 || (sign != '+' && sign != '-') || text.charAt(position + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(text, position + 1, 2);
        int minutes = digits(text, position + 4, 2);
        if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The number written by {@code count} ASCII digits at {@code start}, or -1. */
    private static int digits(String text, int start, int count) {
        int number = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
