package org.helperscripts.telemetry.ports.in;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.InvalidReportException;

/** A client posts one telemetry report. */
public interface IngestReport {

    /**
     * Validates, anonymises and stores one report.
     *
     * @param fields the raw field values as the client sent them
     * @return completes once the report is durable in the store; completes exceptionally with
     *     {@link org.helperscripts.telemetry.ports.out.StoreUnavailableException} when it cannot be
     *     stored
     * @throws InvalidReportException at once, when the report breaks the wire contract
     */
    CompletableFuture<IngestReceipt> ingest(Map<String, ?> fields);
}
