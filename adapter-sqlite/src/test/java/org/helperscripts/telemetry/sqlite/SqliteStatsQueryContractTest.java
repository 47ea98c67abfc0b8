package org.helperscripts.telemetry.sqlite;

import java.nio.file.Path;

import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQueryContract;
import org.junit.jupiter.api.io.TempDir;

/** The statistics contract against the embedded SQLite store, one fresh data directory per test. */
class SqliteStatsQueryContractTest extends StatsQueryContract {

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
