package org.helperscripts.telemetry.server;

import java.time.Duration;

/**
 * The clean-up jobs' settings.
 *
 * @param stuckAfter      how long after its last change a run still in progress is closed as unknown
 * @param cleanupInterval how often stuck runs are closed and expired records deleted
 * @param retentionDays   days a record is kept; 0 keeps every record
 */
record JobSettings(Duration stuckAfter, Duration cleanupInterval, int retentionDays) {

    static JobSettings read(Environment env) {
        return new JobSettings(Duration.ofHours(env.wholeNumber(Setting.STUCK_AFTER_HOURS, 1, 720)),
                Duration.ofMinutes(env.wholeNumber(Setting.CLEANUP_INTERVAL_MIN, 1, 1_440)),
                env.wholeNumber(Setting.RETENTION_DAYS, 0, 36_500));
    }
}
