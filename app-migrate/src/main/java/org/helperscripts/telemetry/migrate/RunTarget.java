package org.helperscripts.telemetry.migrate;

import java.util.List;

import org.helperscripts.telemetry.domain.Run;

/**
 * Where the runs go. Batches are readied by several threads at once ({@link #prepare}) and
 * written by one, in source order. A batch is durable when its write returns, unless the target
 * keeps batches in an open transaction ({@link #hasUncommitted}); then {@link #commit} makes them
 * durable.
 */
interface RunTarget extends AutoCloseable {

    /** What is written to, for the start line (never a password). */
    String description();

    /**
     * Readies {@code runs} for writing. Called by the translating threads, several at once, so
     * that what a target can do before it needs the single writer (turning runs into the text
     * of a file, say) is done in parallel. The default leaves everything to {@link #write}.
     */
    default PreparedBatch prepare(List<Run> runs) {
        return () -> write(runs);
    }

    /**
     * Writes one batch.
     *
     * @throws TargetUnavailableException when the target cannot take any more writes; the
     *     batch may be partly written, which a resumed run's duplicate check absorbs
     */
    BatchResult write(List<Run> runs);

    /**
     * Whether batches written since the last commit wait for {@link #commit}. The default: never,
     * every write is durable when it returns.
     */
    default boolean hasUncommitted() {
        return false;
    }

    /**
     * Makes every batch written so far durable. Called before the writer waits for more batches
     * and at the end, so that a transaction never stays open while nothing comes.
     *
     * @throws TargetUnavailableException when the commit fails; the batches since the last
     *     commit are not in the target then
     */
    default void commit() {
    }

    /** Commits what waits (see {@link #commit}) and lets go of the target. */
    @Override
    void close();

    /** A batch ready to be written: {@link #write} is called once, on the writing thread. */
    @FunctionalInterface
    interface PreparedBatch {

        /**
         * Writes the batch.
         *
         * @throws TargetUnavailableException as {@link RunTarget#write}
         */
        BatchResult write();
    }
}
