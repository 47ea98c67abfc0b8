package org.helperscripts.telemetry.migrate;

import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.pocketbase.ImportOutcome;
import org.helperscripts.telemetry.pocketbase.PocketBaseReportStore;
import org.helperscripts.telemetry.pocketbase.PocketBaseSettings;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * A PocketBase over its REST API, through the store's bulk import: the batch API when the server
 * allows it, one create per run otherwise. A run whose key is stored already counts as skipped.
 * The original creation time lands in {@code first_seen} and {@code old_created}; PocketBase's
 * own {@code created} says when the import wrote the record.
 */
final class PocketBaseTarget implements RunTarget {

    private final PocketBaseSettings settings;
    private final PocketBaseReportStore store;

    private PocketBaseTarget(PocketBaseSettings settings, PocketBaseReportStore store) {
        this.settings = settings;
        this.store = store;
    }

    /** Logs in and checks (or, as a superuser, creates) the collection. */
    static PocketBaseTarget open(PocketBaseSettings settings) {
        return new PocketBaseTarget(settings, PocketBaseReportStore.open(settings));
    }

    @Override
    public String description() {
        return "PocketBase " + settings.displayUrl() + ", collection '" + settings.targetCollection() + "'";
    }

    /**
     * {@inheritDoc}
     *
     * <p>A batch of which not one run went in means PocketBase cannot take writes (it is gone, or
     * the account lost its rights): the run stops there, so that it can be resumed, instead of
     * failing every remaining record.
     */
    @Override
    public BatchResult write(List<Run> runs) {
        List<ImportOutcome> outcomes;
        try {
            outcomes = store.importRuns(runs);
        } catch (StoreUnavailableException e) {
            throw new TargetUnavailableException("PocketBase is unavailable: " + e.getMessage(), e);
        }
        int created = 0;
        int duplicates = 0;
        List<BatchResult.FailedRun> failed = new ArrayList<>();
        for (ImportOutcome outcome : outcomes) {
            switch (outcome.kind()) {
                case CREATED -> created++;
                case DUPLICATE -> duplicates++;
                case FAILED -> failed.add(new BatchResult.FailedRun(outcome.runKey(), outcome.reason()));
            }
        }
        if (!failed.isEmpty() && failed.size() == runs.size()) {
            throw new TargetUnavailableException("PocketBase refused a whole batch: " + failed.get(0).reason(), null);
        }
        return new BatchResult(created, duplicates, failed);
    }

    @Override
    public void close() {
        store.close();
    }
}
