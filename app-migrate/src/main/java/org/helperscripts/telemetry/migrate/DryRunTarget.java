package org.helperscripts.telemetry.migrate;

import java.util.List;

import org.helperscripts.telemetry.domain.Run;

/** --dry-run: every run that passed the domain counts as migrated, and nothing is written. */
final class DryRunTarget implements RunTarget {

    @Override
    public String description() {
        return "nothing (dry run: parse, validate and count only)";
    }

    @Override
    public BatchResult write(List<Run> runs) {
        return new BatchResult(runs.size(), 0, List.of());
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
