package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.ParsedReport;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.ports.in.IngestReceipt;
import org.helperscripts.telemetry.ports.in.IngestReport;
import org.helperscripts.telemetry.ports.out.ReportSpool;

/**
 * Parses a report with the domain's rules and appends it to the spool, from where a
 * {@link SpoolForwarder} merges it into the store. Only a parsed report reaches the spool, so what
 * lies on disk is validated and anonymised, never a raw body. The receipt says
 * {@link IngestReceipt.Effect#QUEUED}: what the report does to its run is decided when it is
 * forwarded, by the session rule, with the instant it was received here.
 */
public final class SpoolingIngestService implements IngestReport {

    private final ReportParser parser;
    private final ReportSpool spool;
    private final Clock clock;

    public SpoolingIngestService(ReportParser parser, ReportSpool spool, Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletableFuture<IngestReceipt> ingest(Map<String, ?> fields) {
        ParsedReport parsed = parser.parse(fields);
        return spool.append(parsed.report(), clock.instant())
                .thenApply(entry -> IngestReceipt.queued(parsed.droppedFieldCount()));
    }
}
