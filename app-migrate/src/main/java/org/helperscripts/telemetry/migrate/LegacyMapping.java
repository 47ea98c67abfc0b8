package org.helperscripts.telemetry.migrate;

import java.time.Instant;
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

    private final ReportParser parser;
    private final MigrationFilter filter;

    LegacyMapping(ReportParser parser, MigrationFilter filter) {
        this.parser = parser;
        this.filter = filter;
    }

    Translation translate(LegacyRecord record) {
        Map<String, Object> raw = record.fields();
        Instant created = LegacyTime.parse(raw.get(CREATED_AT));
        if (created == null) {
            return Translation.rejected(record, List.of(new Violation(CREATED_AT,
                    "must be the record's creation time (ISO 8601 or epoch milliseconds)")));
        }
        if (!filter.admitsTime(created)) {
            return Translation.filtered(record);
        }
        Map<String, Object> wire = repaired(raw);
        Run run;
        try {
            run = new Run(parser.parse(wire).report(), created, created);
        } catch (InvalidReportException e) {
            return Translation.rejected(record, e.violations());
        }
        return filter.admits(run) ? Translation.run(record, run) : Translation.filtered(record);
    }

    /**
     * The record's fields with the old data's repairs applied; the record itself unchanged (the
     * reject file shows what was read). Most records need none, and are not copied.
     */
    private static Map<String, Object> repaired(Map<String, Object> raw) {
        String status = text(raw.get(ReportField.STATUS.wireName()));
        boolean unknownStatus = status == null || Status.fromWire(status).isEmpty();
        boolean noType = text(raw.get(ReportField.TYPE.wireName())) == null;
        boolean noNsapp = text(raw.get(ReportField.NSAPP.wireName())) == null;
        if (!unknownStatus && !noType && !noNsapp) {
            return raw;
        }
        Map<String, Object> wire = new HashMap<>(raw);
        if (unknownStatus) {
            wire.put(ReportField.STATUS.wireName(), Status.UNKNOWN.wire());
        }
        if (noType) {
            wire.put(ReportField.TYPE.wireName(), "lxc");
        }
        if (noNsapp) {
            wire.put(ReportField.NSAPP.wireName(), "unknown");
        }
        return wire;
    }

    /** The text of a value, or null when it is absent or blank. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
