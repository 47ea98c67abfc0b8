package org.helperscripts.telemetry.ports.in;

/** What one call of {@link SendWeeklyReport#sendIfDue()} did. */
public enum WeeklyReportResult {
    /** This week's day and hour have not come yet. */
    NOT_DUE,
    /** The report of the last complete week was already sent, by this instance or another. */
    ALREADY_SENT,
    /** The report of the last complete week went out now. */
    SENT
}
