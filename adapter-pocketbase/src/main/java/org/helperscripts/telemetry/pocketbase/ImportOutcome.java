package org.helperscripts.telemetry.pocketbase;

import java.util.Objects;

/**
 * What became of one run given to {@link PocketBaseReportStore#importRuns}.
 *
 * @param runKey the run's key
 * @param kind   created, already stored, or refused
 * @param reason why the run was refused (PocketBase's message and field codes, never a value);
 *               null unless {@code kind} is {@link Kind#FAILED}
 */
public record ImportOutcome(String runKey, Kind kind, String reason) {

    /** The three ends of an imported run. */
    public enum Kind {
        /** A new record now holds the run. */
        CREATED,
        /** A record of this run key was stored already (or the key came twice); it was left as it is. */
        DUPLICATE,
        /** PocketBase refused the record or could not be reached; {@code reason} says which. */
        FAILED
    }

    public ImportOutcome {
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("a reason goes with a failed import only");
        }
    }

    static ImportOutcome created(String runKey) {
        return new ImportOutcome(runKey, Kind.CREATED, null);
    }

    static ImportOutcome duplicate(String runKey) {
        return new ImportOutcome(runKey, Kind.DUPLICATE, null);
    }

    static ImportOutcome failed(String runKey, String reason) {
        return new ImportOutcome(runKey, Kind.FAILED, reason);
    }
}
