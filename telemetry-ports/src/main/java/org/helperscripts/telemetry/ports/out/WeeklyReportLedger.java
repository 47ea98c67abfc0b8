package org.helperscripts.telemetry.ports.out;

/**
 * Remembers which weekly reports were sent, across restarts and across instances that share it,
 * so that each ISO week is reported once.
 */
public interface WeeklyReportLedger {

    /**
     * Claims the report of one week.
     *
     * @param isoWeek the week as ISO 8601 writes it, e.g. {@code 2026-W19}
     * @return true for the first claimer of that week only; false for every later one
     */
    boolean claim(String isoWeek);

    /** Gives a claim back after its report could not be sent, so that a later claim succeeds. */
    void release(String isoWeek);
}
