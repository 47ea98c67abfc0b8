package org.helperscripts.telemetry.sqlite;

import java.util.concurrent.CompletableFuture;

/**
 * One write on its way through a {@link CommitQueue}. The writer records the outcome; the outcome
 * only reaches the caller, through {@link #answer()}, once the transaction that holds it has
 * committed. A later outcome replaces an earlier one, as when a failed batch is written again
 * write by write.
 *
 * @param <T> what the caller gets once the write is durable
 */
abstract class QueuedWrite<T> {

    final CompletableFuture<T> future = new CompletableFuture<>();

    private T outcome;
    private Throwable failure;

    void succeeded(T result) {
        outcome = result;
        failure = null;
    }

    void failed(Throwable cause) {
        outcome = null;
        failure = cause;
    }

    /** Completes the caller's future with the recorded outcome. */
    void answer() {
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(outcome);
        }
    }
}
