package org.helperscripts.telemetry.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored record of one run: everything its reports said, merged by the {@link Session}
 * rule, with when the run was first seen and when its record last changed.
 */
public record Run(Report report, Instant created, Instant updated) {
    public Run {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    public String runKey() {
        return report.runKey();
    }
}
