package org.helperscripts.telemetry.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The session rule: what a report does to the stored record of its run.
 *
 * <ul>
 *   <li>The first report of a run creates the record, whatever its status.</li>
 *   <li>A later report fills in fields that are still empty and moves the status forward, never
 *       back (installing &lt; configuring/validation &lt; unknown &lt; success/failed/aborted).</li>
 *   <li>A final status replaces {@code unknown} and may correct another final status.</li>
 *   <li>When the status changes, the outcome (exit code, error, error category, install
 *       duration) is the new report's, so a run that timed out and then succeeded does not keep
 *       the time-out error. Only a report with the record's own status may fill in an empty
 *       outcome field (a retry with more detail); a report of an earlier stage never touches
 *       the outcome.</li>
 *   <li>A report that changes nothing (a retry, a late progress ping that brings no new field)
 *       leaves the record as it is, {@code updated} included.</li>
 * </ul>
 *
 * A pure function: no clock, no I/O.
 */
public final class Session {

    private Session() {
    }

    /**
     * Applies {@code incoming} to the stored record of its run.
     *
     * @param stored   the record as stored now, empty if the run has not been seen
     * @param incoming a report whose run key equals the stored record's
     * @param now      when the report was received
     */
    public static Merge merge(Optional<Run> stored, Report incoming, Instant now) {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(now, "now");
        if (stored.isEmpty()) {
            return new Merge(Merge.Kind.CREATED, new Run(incoming, now, now));
        }
        Run run = stored.get();
        if (!run.runKey().equals(incoming.runKey())) {
            throw new IllegalArgumentException("report of run " + incoming.runKey()
                    + " merged into run " + run.runKey());
        }
        Report current = run.report();
        Report merged = fillEmpty(current, incoming);
        if (movesForward(current.status(), incoming.status())) {
            merged = merged.withOutcome(incoming.status(), incoming.exitCode(), incoming.error(),
                    incoming.errorCategory(), incoming.installDuration());
        } else if (incoming.status() != current.status()) {
            // A report from an earlier stage says nothing about how the run ended.
            merged = merged.withOutcome(current.status(), current.exitCode(), current.error(),
                    current.errorCategory(), current.installDuration());
        }
        if (merged.equals(current)) {
            return new Merge(Merge.Kind.UNCHANGED, run);
        }
        return new Merge(Merge.Kind.CHANGED, new Run(merged, run.created(), now));
    }

    /**
     * Whether a run in status {@code current} takes status {@code next}: a higher rank, or a
     * different final status (a correction).
     */
    static boolean movesForward(Status current, Status next) {
        if (next.rank() > current.rank()) {
            return true;
        }
        return current.isFinal() && next.isFinal() && next != current;
    }

    private static Report fillEmpty(Report kept, Report from) {
        return new Report(
                kept.randomId(),
                kept.executionId(),
                kept.type(),
                kept.nsapp(),
                kept.status(),
                first(kept.ctType(), from.ctType()),
                first(kept.diskSize(), from.diskSize()),
                first(kept.coreCount(), from.coreCount()),
                first(kept.ramSize(), from.ramSize()),
                first(kept.osType(), from.osType()),
                first(kept.osVersion(), from.osVersion()),
                first(kept.pveVersion(), from.pveVersion()),
                first(kept.method(), from.method()),
                first(kept.exitCode(), from.exitCode()),
                first(kept.error(), from.error()),
                first(kept.errorCategory(), from.errorCategory()),
                first(kept.installDuration(), from.installDuration()),
                first(kept.gpuVendor(), from.gpuVendor()),
                first(kept.gpuModel(), from.gpuModel()),
                first(kept.gpuPassthrough(), from.gpuPassthrough()),
                first(kept.cpuVendor(), from.cpuVendor()),
                first(kept.cpuModel(), from.cpuModel()),
                first(kept.ramSpeed(), from.ramSpeed()),
                kept.repoSource(),
                first(kept.repoSlug(), from.repoSlug()),
                first(kept.arch(), from.arch()),
                first(kept.platform(), from.platform()),
                first(kept.hasArm(), from.hasArm()));
    }

    private static <T> T first(T kept, T offered) {
        return kept != null ? kept : offered;
    }
}
