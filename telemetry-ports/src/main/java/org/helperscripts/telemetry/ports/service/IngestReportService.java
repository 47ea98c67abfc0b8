package org.helperscripts.telemetry.ports.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.ParsedReport;
import org.helperscripts.telemetry.domain.Report;
import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Session;
import org.helperscripts.telemetry.ports.in.IngestReceipt;
import org.helperscripts.telemetry.ports.in.IngestReport;
import org.helperscripts.telemetry.ports.out.ReportStore;

/** Parses a report with the domain's rules and merges it into its run's record in the store. */
public final class IngestReportService implements IngestReport {

    private final ReportParser parser;
    private final ReportStore store;
    private final Clock clock;

    public IngestReportService(ReportParser parser, ReportStore store, Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletableFuture<IngestReceipt> ingest(Map<String, ?> fields) {
        ParsedReport parsed = parser.parse(fields);
        Report report = parsed.report();
        Instant receivedAt = clock.instant();
        return store.apply(report.runKey(), stored -> Session.merge(stored, report, receivedAt))
                .thenApply(merge -> IngestReceipt.stored(merge.kind(), parsed.droppedFieldCount()));
    }
}
