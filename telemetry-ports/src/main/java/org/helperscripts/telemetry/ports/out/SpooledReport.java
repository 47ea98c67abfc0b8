package org.helperscripts.telemetry.ports.out;

import java.time.Instant;
import java.util.Objects;

import org.helperscripts.telemetry.domain.Report;

/**
 * One report waiting in a {@link ReportSpool}: already parsed, validated and anonymised, with the
 * instant the service received it (what the record's created and updated times are made of, however
 * late it is forwarded).
 *
 * @param sequence   its place in the spool: later appends have higher numbers, and a number is
 *                   never used twice in one spool
 * @param report     the report as the client's run will be merged with it
 * @param receivedAt when the service accepted it
 */
public record SpooledReport(long sequence, Report report, Instant receivedAt) {

    public SpooledReport {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public String runKey() {
        return report.runKey();
    }
}
