package org.helperscripts.telemetry.sqlite;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.helperscripts.telemetry.domain.Merge;
import org.helperscripts.telemetry.domain.Run;

/**
 * One accepted {@code apply} on its way through the writer. The writer records the outcome; the
 * outcome only reaches the caller, through {@link #answer()}, once the transaction that holds it
 * has committed. A later outcome replaces an earlier one, as when a failed batch is written again
 * write by write.
 */
final class PendingWrite implements WriterTask {

    final String runKey;
    final Function<Optional<Run>, Merge> change;
    final CompletableFuture<Merge> future = new CompletableFuture<>();

    private Merge merge;
    private Throwable failure;

    PendingWrite(String runKey, Function<Optional<Run>, Merge> change) {
        this.runKey = runKey;
        this.change = change;
    }

    void succeeded(Merge outcome) {
        merge = outcome;
        failure = null;
    }

    void failed(Throwable cause) {
        merge = null;
        failure = cause;
    }

    @Override
    public void answer() {
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(merge);
        }
    }
}
