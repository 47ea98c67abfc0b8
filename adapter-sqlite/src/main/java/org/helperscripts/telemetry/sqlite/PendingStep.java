package org.helperscripts.telemetry.sqlite;

import java.util.concurrent.CompletableFuture;

/**
 * One accepted {@link TableStep} on its way through the writer; like {@link PendingWrite}, its
 * outcome reaches the caller only after the transaction that holds it has committed.
 */
final class PendingStep<T> implements WriterTask {

    final TableStep<T> step;
    final CompletableFuture<T> future = new CompletableFuture<>();

    private T result;
    private Throwable failure;

    PendingStep(TableStep<T> step) {
        this.step = step;
    }

    void succeeded(T outcome) {
        result = outcome;
        failure = null;
    }

    void failed(Throwable cause) {
        result = null;
        failure = cause;
    }

    @Override
    public void answer() {
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(result);
        }
    }
}
