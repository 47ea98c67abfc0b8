package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;

import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.ReportStoreContract;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against the embedded SQLite store, one fresh data directory per test. */
class SqliteReportStoreContractTest extends ReportStoreContract {

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
