package org.helperscripts.telemetry.ports.out;

import java.time.Instant;

/**
 * The state of a {@link ReportSpool} for health checks.
 *
 * @param available        whether the spool takes appends at all (open, writable)
 * @param depth            entries waiting, appends not yet durable included
 * @param maxReports       the most entries it holds; appends beyond are refused
 * @param oldestReceivedAt when the oldest waiting entry was received; {@code null} when empty
 * @param refusedFull      appends refused since start because the spool was full
 * @param setAside         entries set aside since the spool file was created
 * @param problem          a short description of what is wrong, or {@code null}; never data
 */
public record SpoolHealth(boolean available, long depth, long maxReports, Instant oldestReceivedAt,
                          long refusedFull, long setAside, String problem) {

    /** Whether the next append would be taken: available and not full. */
    public boolean accepting() {
        return available && depth < maxReports;
    }
}
