package org.helperscripts.telemetry.sqlite;

/**
 * What one batch of {@link SqliteRunImport#importRuns} did.
 *
 * @param inserted runs that are now stored
 * @param skipped  runs whose key was stored already (or came twice in the batch); left as they were
 */
public record RunImportCount(int inserted, int skipped) {
    public RunImportCount {
        if (inserted < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + inserted + ", " + skipped);
        }
    }
}
