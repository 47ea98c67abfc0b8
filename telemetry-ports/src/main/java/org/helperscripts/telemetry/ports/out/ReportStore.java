package org.helperscripts.telemetry.ports.out;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;

/** Where the records of runs live: one record per run key. */
public interface ReportStore {

    /**
     * Reads the stored record of {@code runKey}, lets {@code change} decide what to do with it,
     * and writes the result: an insert for {@link Merge.Kind#CREATED}, an update for
     * {@link Merge.Kind#CHANGED}, nothing for {@link Merge.Kind#UNCHANGED}. Read, decision and
     * write are atomic per run key, so two reports of one run never overwrite each other.
     *
     * @return completes with the merge once it is durable; exceptionally with
     *     {@link StoreUnavailableException} when the store cannot take it now, with
     *     {@link RecordRefusedException} when it will never take this record, or with whatever
     *     {@code change} threw
     */
    CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change);

    /** The stored record of one run. */
    Optional<Run> find(String runKey);

    /** One page of records, filtered and sorted. */
    RecordPage page(RecordQuery query);

    /** Whether the store can take writes now, and what it holds in flight. */
    StoreHealth health();
}
