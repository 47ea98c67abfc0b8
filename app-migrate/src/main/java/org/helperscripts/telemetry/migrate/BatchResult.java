package org.helperscripts.telemetry.migrate;

import java.util.List;

/**
 * What a target did with one batch.
 *
 * @param migrated runs now stored (or, for a file, written)
 * @param skipped  runs the target held already, left as they were
 * @param failed   runs the target refused, with its reason
 */
record BatchResult(int migrated, int skipped, List<FailedRun> failed) {

    BatchResult {
        failed = List.copyOf(failed);
    }

    /** One run a target refused: its key and the reason (never a field value). */
    record FailedRun(String runKey, String reason) {
    }
}
