package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;

import org.helperscripts.telemetry.ports.out.RecordMaintenanceContract;
import org.helperscripts.telemetry.ports.out.ReportStore;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance contract against the embedded SQLite store, one fresh data directory per test. */
class SqliteRecordMaintenanceContractTest extends RecordMaintenanceContract {

    @TempDir
    Path dataDir;

    private SqliteReportStore sqlite;

    @Override
    protected ReportStore openStore() {
        sqlite = SqliteReportStore.open(dataDir);
        return sqlite;
    }

    @Override
    protected void closeStore() {
        if (sqlite != null) {
            sqlite.close();
        }
    }
}
