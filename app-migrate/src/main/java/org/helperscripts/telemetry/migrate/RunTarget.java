package org.helperscripts.telemetry.migrate;

import java.util.List;

import org.helperscripts.telemetry.domain.Run;

/** Where the runs go. One thread writes; a batch is durable when {@link #write} returns. */
interface RunTarget extends AutoCloseable {

    /** What is written to, for the start line (never a password). */
    String description();

    /**
     * Writes one batch.
     *
     * @throws TargetUnavailableException when the target cannot take any more writes; the
     *     batch may be partly written, which a resumed run's duplicate check absorbs
     */
    BatchResult write(List<Run> runs);

    @Override
    void close();
}
