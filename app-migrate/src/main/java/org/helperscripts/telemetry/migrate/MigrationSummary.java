package org.helperscripts.telemetry.migrate;

import java.time.Duration;
import java.util.Locale;

/**
 * How a migration ended.
 *
 * @param read      records read from the source
 * @param migrated  runs the target now holds (for a dry run: would hold)
 * @param skipped   runs the target held already
 * @param filtered  records outside --repo-source or the date range
 * @param rejected  records the domain refused (in the reject file)
 * @param failed    runs the target refused (in the reject file)
 * @param duration  from start to end
 * @param resumeAt  the source position where a new run would continue
 * @param stopped   why the run stopped early (Ctrl-C, a target or source failure); null when it
 *                  read the whole source
 */
record MigrationSummary(long read, long migrated, long skipped, long filtered, long rejected, long failed,
                        Duration duration, long resumeAt, String stopped) {

    /** Records read per second over the whole run. */
    double rate() {
        double seconds = Math.max(duration.toNanos(), 1) / 1e9;
        return read / seconds;
    }

    /** 0 when everything read went in (rejects and filters count as handled), 1 otherwise. */
    int exitCode() {
        return failed == 0 && stopped == null ? 0 : 1;
    }

    String describe() {
        return String.format(Locale.ROOT,
                "read %,d  migrated %,d  skipped %,d  filtered %,d  rejected %,d  failed %,d  in %s  (%,.0f records/s)",
                read, migrated, skipped, filtered, rejected, failed, clock(duration), rate());
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
