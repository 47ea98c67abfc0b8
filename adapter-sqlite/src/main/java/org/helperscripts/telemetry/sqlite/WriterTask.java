package org.helperscripts.telemetry.sqlite;

/** What waits in the writer's queue: a report's write, or a step of clean-up. */
sealed interface WriterTask permits PendingWrite, PendingStep {

    /** Completes the caller's future with the recorded outcome, after the commit. */
    void answer();
}
