package org.helperscripts.telemetry.ports.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.helperscripts.telemetry.domain.Report;

/**
 * A durable queue of accepted reports in front of a remote store: the service answers a client
 * once its report is here, and a forwarder drains it into the store in sequence order. An entry
 * leaves only when it is {@linkplain #remove removed} (after the store confirmed it) or
 * {@linkplain #setAside set aside} (after the store refused it for good); whatever a crash or a
 * stop leaves behind is there again when the spool is opened next.
 */
public interface ReportSpool {

    /**
     * Appends one report.
     *
     * @return completes once the entry is durable; exceptionally with
     *     {@link StoreUnavailableException} when the spool is full, closed or cannot be written
     */
    CompletableFuture<SpooledReport> append(Report report, Instant receivedAt);

    /** Up to {@code max} of the oldest entries, lowest sequence first. */
    List<SpooledReport> oldest(int max);

    /**
     * Removes delivered entries; entries that are gone already are skipped.
     *
     * @throws StoreUnavailableException when the removal could not be made durable (the entries
     *     stay, and are delivered again)
     */
    void remove(Collection<SpooledReport> delivered);

    /**
     * Moves an entry the store refused for good out of the way, keeping it with the reason, so
     * that it neither blocks the entries behind it nor is lost.
     *
     * @param reason why the store refused it; never report content
     * @throws StoreUnavailableException when the move could not be made durable
     */
    void setAside(SpooledReport entry, String reason);

    /** How full the spool is, how old its oldest entry, and whether it takes appends. */
    SpoolHealth health();
}
