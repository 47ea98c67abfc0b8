package org.helperscripts.telemetry.ports.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;
import org.helperscripts.telemetry.ports.out.RecordPage;
import org.helperscripts.telemetry.ports.out.RecordQuery;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StoreHealth;
import org.helperscripts.telemetry.ports.out.RecordRefusedException;
import org.helperscripts.telemetry.ports.out.StoreUnavailableException;

/**
 * The smallest store that keeps the port's promise: apply is atomic per key. It can be down (every
 * apply fails as unavailable) and can refuse the runs of chosen keys for good.
 */
final class MapStore implements ReportStore {

    final Map<String, Run> runs = new HashMap<>();
    final List<String> appliedKeys = new ArrayList<>();
    final List<String> refusedKeys = new ArrayList<>();
    /** A record whose status would become one of these is refused for good, as a store refuses a value. */
    final List<Status> refusedStatuses = new ArrayList<>();
    volatile boolean down;
    /** Applies refused as unavailable, down or not. */
    int unavailableAnswers;

    @Override
    public synchronized CompletableFuture<Merge> apply(String runKey, Function<Optional<Run>, Merge> change) {
        if (down) {
            unavailableAnswers++;
            return CompletableFuture.failedFuture(new StoreUnavailableException("down"));
        }
        if (refusedKeys.contains(runKey)) {
            return CompletableFuture.failedFuture(new IllegalStateException("the stored record cannot be read"));
        }
        Merge merge = change.apply(Optional.ofNullable(runs.get(runKey)));
        if (refusedStatuses.contains(merge.run().report().status())) {
            return CompletableFuture.failedFuture(new RecordRefusedException("status refused"));
        }
        appliedKeys.add(runKey);
        runs.put(runKey, merge.run());
        return CompletableFuture.completedFuture(merge);
    }

    @Override
    public synchronized Optional<Run> find(String runKey) {
        return Optional.ofNullable(runs.get(runKey));
    }

    synchronized List<String> appliedKeys() {
        return List.copyOf(appliedKeys);
    }

    synchronized int unavailableAnswers() {
        return unavailableAnswers;
    }

    @Override
    public RecordPage page(RecordQuery query) {
        throw new UnsupportedOperationException("not used by ingestion");
    }

    @Override
    public StoreHealth health() {
        return down ? StoreHealth.down("map", 0, "down") : StoreHealth.up("map", 0);
    }
}
