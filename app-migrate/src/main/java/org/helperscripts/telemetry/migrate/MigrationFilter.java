package org.helperscripts.telemetry.migrate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.helperscripts.telemetry.domain.RepoSource;
import org.helperscripts.telemetry.domain.Run;

/**
 * Which runs a migration moves: one repository or all, created within a range of UTC days or
 * at any time. Runs outside are counted as filtered.
 *
 * @param repoSource only runs of this repository; null for all
 * @param from       only runs created at or after the start of this UTC day; null for no bound
 * @param until      only runs created on or before this UTC day (to its end); null for no bound
 */
record MigrationFilter(RepoSource repoSource, LocalDate from, LocalDate until) {

    static final MigrationFilter EVERYTHING = new MigrationFilter(null, null, null);

    MigrationFilter {
        if (from != null && until != null && until.isBefore(from)) {
            throw new IllegalArgumentException("--date-until " + until + " is before --date-from " + from);
        }
    }

    /** Whether a run created at {@code created} falls in the range of days. */
    boolean admitsTime(Instant created) {
        if (from != null && created.isBefore(from.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            return false;
        }
        return until == null || created.isBefore(until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Whether {@code run} is one to move. */
    boolean admits(Run run) {
        return (repoSource == null || run.report().repoSource() == repoSource) && admitsTime(run.created());
    }
}
