package org.helperscripts.telemetry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.helperscripts.telemetry.domain.ReportParser;
import org.helperscripts.telemetry.domain.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that keeps batches in an open transaction: the migration counts runs and moves the
 * resume position only once they are committed, so a commit that fails never leaves a resume
 * line past runs the target lost. The target here is a stand-in that holds runs in memory, as the
 * embedded store holds them in a transaction, because a real SQLite commit cannot be made to fail
 * on demand.
 */
@Timeout(60)
class MigrationCommitTest {

    private static final int RECORDS = 1_000;

    @TempDir
    Path dir;

    @Test
    void runsAreCountedOnceCommittedAndTheRunEndsWithACommit() throws Exception {
        HoldingTarget target = new HoldingTarget(Integer.MAX_VALUE);
        MigrationSummary summary = migrate(target);

        assertNull(summary.stopped());
        assertFalse(target.hasUncommitted());
        assertEquals(RECORDS, target.stored.size());
        assertEquals(RECORDS, summary.migrated());
        assertEquals(RECORDS, summary.resumeAt());
    }

    @Test
    void aFailedCommitLeavesTheResumePositionBeforeTheRunsItLost() throws Exception {
        HoldingTarget target = new HoldingTarget(450);
        MigrationSummary summary = migrate(target);

        assertTrue(summary.stopped().contains("commit refused"), summary.stopped());
        assertTrue(target.stored.size() < 450, "nothing from the failed commit on is stored");
        assertEquals(target.stored.size(), summary.resumeAt(), "resume right after the last stored run");
        assertEquals(target.stored.size(), summary.migrated());
        assertEquals(1, summary.exitCode());
    }

    private MigrationSummary migrate(HoldingTarget target) throws Exception {
        Path file = dir.resolve("export.json");
        LegacyExport.writePlain(file, LegacyExport.records(RECORDS, 0));
        try (JsonFileSource json = JsonFileSource.open(file, 0, 50)) {
            return new Migration(json, new LegacyMapping(ReportParser.standard(), MigrationFilter.EVERYTHING), target,
                    RejectFile.none(), 2, 0).run();
        }
    }

    /** Holds written runs until commit; the commit that would store run number {@code failAt} (from 1) fails. */
    private static final class HoldingTarget implements RunTarget {
        final List<Run> stored = new ArrayList<>();
        private final List<Run> pending = new ArrayList<>();
        private final int failAt;

        HoldingTarget(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public String description() {
            return "runs held in memory";
        }

        @Override
        public BatchResult write(List<Run> runs) {
            pending.addAll(runs);
            return new BatchResult(runs.size(), 0, List.of());
        }

        @Override
        public boolean hasUncommitted() {
            return !pending.isEmpty();
        }

        @Override
        public void commit() {
            if (stored.size() + pending.size() >= failAt) {
                pending.clear();
                throw new TargetUnavailableException("commit refused", null);
            }
            stored.addAll(pending);
            pending.clear();
        }

        @Override
        public void close() {
        }
    }
}
