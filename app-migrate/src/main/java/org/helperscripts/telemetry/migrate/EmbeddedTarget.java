package org.helperscripts.telemetry.migrate;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.sqlite.RunImportCount;
import org.helperscripts.telemetry.sqlite.SqliteRunImport;

/**
 * The embedded store of a DATA_DIR, written directly. Batches share a transaction of up to
 * {@link SqliteRunImport#RUNS_PER_TRANSACTION} runs, which the migration commits whenever it waits.
 */
final class EmbeddedTarget implements RunTarget {

    private final SqliteRunImport runImport;

    private EmbeddedTarget(SqliteRunImport runImport) {
        this.runImport = runImport;
    }

    static EmbeddedTarget open(Path dataDir) {
        return new EmbeddedTarget(SqliteRunImport.open(dataDir));
    }

    @Override
    public String description() {
        return "embedded store " + runImport.databaseFile();
    }

    @Override
    public BatchResult write(List<Run> runs) {
        try {
            RunImportCount count = runImport.importRuns(runs);
            return new BatchResult(count.inserted(), count.skipped(), List.of());
        } catch (SQLException e) {
            throw new TargetUnavailableException("the embedded store refused a batch: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasUncommitted() {
        return runImport.hasUncommitted();
    }

    @Override
    public void commit() {
        try {
            runImport.commit();
        } catch (SQLException e) {
            throw new TargetUnavailableException("the embedded store could not commit: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            runImport.close();
        } catch (SQLException e) {
            throw new TargetUnavailableException("closing the embedded store failed: " + e.getMessage(), e);
        }
    }
}
