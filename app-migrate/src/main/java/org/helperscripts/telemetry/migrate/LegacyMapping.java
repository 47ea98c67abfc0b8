package org.helperscripts.telemetry.migrate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.helperscripts.telemetry.domain.InvalidReportException;
import org.helperscripts.telemetry.domain.ReportField;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.domain.Violation;

/**
 * Turns one legacy record into a run through the domain's {@link ReportParser} (normalisation,
 * validation, anonymisation), after the few repairs the old data needs: a status the contract
 * does not know becomes {@code unknown} ({@code done} already means success to the parser), an
 * empty type {@code lxc}, an empty nsapp {@code unknown}. {@code ct_type} is passed on as sent
 * (0 privileged, 1 unprivileged, 2 VM). The run keeps the record's original creation time as
 * both its created and updated time. Thread-safe.
 */
final class LegacyMapping {

    private static final String CREATED_AT = "created_at";

    /** ISO with an offset or Z, ISO without one (UTC), and the same with a space instead of 'T'. */
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

    private final ReportParser parser;
    private final MigrationFilter filter;

    LegacyMapping(ReportParser parser, MigrationFilter filter) {
        this.parser = parser;
        this.filter = filter;
    }

    Translation translate(LegacyRecord record) {
        Map<String, Object> raw = record.fields();
        Instant created = createdTime(raw.get(CREATED_AT));
        if (created == null) {
            return Translation.rejected(record, List.of(new Violation(CREATED_AT,
                    "must be the record's creation time (ISO 8601 or epoch milliseconds)")));
        }
        if (!filter.admitsTime(created)) {
            return Translation.filtered(record);
        }
        Map<String, Object> wire = new HashMap<>(raw);
        String status = text(raw.get(ReportField.STATUS.wireName()));
        if (status == null || Status.fromWire(status).isEmpty()) {
            wire.put(ReportField.STATUS.wireName(), Status.UNKNOWN.wire());
        }
        if (text(raw.get(ReportField.TYPE.wireName())) == null) {
            wire.put(ReportField.TYPE.wireName(), "lxc");
        }
        if (text(raw.get(ReportField.NSAPP.wireName())) == null) {
            wire.put(ReportField.NSAPP.wireName(), "unknown");
        }
        Run run;
        try {
            run = new Run(parser.parse(wire).report(), created, created);
        } catch (InvalidReportException e) {
            return Translation.rejected(record, e.violations());
        }
        return filter.admits(run) ? Translation.run(record, run) : Translation.filtered(record);
    }

    /** The text of a value, or null when it is absent or blank. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    /** A time as the old exports wrote it: ISO 8601 text, or epoch milliseconds as a number. */
    static Instant createdTime(Object value) {
        if (value instanceof Number number && !(number instanceof BigDecimal)) {
            return Instant.ofEpochMilli(number.longValue());
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
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
}
