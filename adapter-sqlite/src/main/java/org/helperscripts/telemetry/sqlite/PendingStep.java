package org.helperscripts.telemetry.sqlite;

/**
 * One accepted {@link TableStep} on its way through the writer; like {@link PendingWrite}, its
 * outcome reaches the caller only after the transaction that holds it has committed.
 */
final class PendingStep<T> extends QueuedWrite<T> {

    final TableStep<T> step;

    PendingStep(TableStep<T> step) {
        this.step = step;
    }
}
