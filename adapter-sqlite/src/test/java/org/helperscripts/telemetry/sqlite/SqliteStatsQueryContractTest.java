package org.helperscripts.telemetry.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.helperscripts.telemetry.domain.InstallType;
import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Status;

import org.helperscripts.telemetry.ports.out.ReportStore;
import org.helperscripts.telemetry.ports.out.StatsQueryContract;
import org.helperscripts.telemetry.ports.out.StatsWindow;
import org.helperscripts.telemetry.ports.out.WindowStats;
import org.junit.jupiter.api.Test;
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

    /** The embedded store adds up whole days it counted one by one: the sum must be what one statement counts. */
    @Test
    void wholeDaysAddUpToTheSameFiguresAsOneCountOverTheWindow() throws Exception {
        for (int i = 0; i < 30; i++) {
            Instant created = DAY0.plus(Duration.ofMinutes(i * 211L + 13));
            Run run = new Run(SampleReports.listed("run-" + i, i % 3 == 0 ? "plex" : "jellyfin",
                    i % 4 == 0 ? Status.FAILED : Status.SUCCESS, i % 2 == 0 ? "debian" : "alpine", InstallType.LXC,
                    i % 5 == 0 ? RepoSource.PROXMOX_VED : RepoSource.PROXMOX_VE, 60 + i), created, created);
            sqlite.apply(run.runKey(), SampleReports.creating(run)).join();
        }
        StatsWindow window = new StatsWindow(DAY0.plus(Duration.ofHours(5)), END.plus(Duration.ofHours(1)), null,
                ChronoUnit.DAYS);
        sqlite.aggregate(window);

        WindowStats again = sqlite.aggregate(window);

        try (RawDatabase raw = RawDatabase.at(sqlite.databaseFile())) {
            assertEquals(raw.countedInOneStatement(window), again);
        }
        assertTrue(again.apps().stream().mapToLong(WindowStats.AppStatusCount::count).sum() > 10);
    }

    @Override
    protected void closeStore() {
        if (sqlite != null) {
            sqlite.close();
        }
    }
}
