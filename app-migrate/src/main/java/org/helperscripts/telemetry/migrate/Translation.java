package org.helperscripts.telemetry.migrate;

import java.util.List;
import java.util.Objects;

import org.helperscripts.telemetry.domain.Run;
import org.helperscripts.telemetry.domain.Violation;

/**
 * What became of one legacy record on its way through the domain.
 *
 * @param record     the record as read
 * @param run        the run to store; null unless {@code kind} is {@link Kind#RUN}
 * @param violations why the record was rejected; empty unless {@code kind} is {@link Kind#REJECTED}
 */
record Translation(LegacyRecord record, Kind kind, Run run, List<Violation> violations) {

    enum Kind { RUN, FILTERED, REJECTED }

    Translation {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(kind, "kind");
        violations = List.copyOf(violations);
        if ((kind == Kind.RUN) != (run != null) || (kind == Kind.REJECTED) == violations.isEmpty()) {
            throw new IllegalArgumentException("a run goes with RUN only, violations with REJECTED only");
        }
    }

    static Translation run(LegacyRecord record, Run run) {
        return new Translation(record, Kind.RUN, run, List.of());
    }

    static Translation filtered(LegacyRecord record) {
        return new Translation(record, Kind.FILTERED, null, List.of());
    }

    static Translation rejected(LegacyRecord record, List<Violation> violations) {
        return new Translation(record, Kind.REJECTED, null, violations);
    }
}
