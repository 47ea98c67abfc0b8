package org.helperscripts.telemetry.domain;

import java.util.Objects;

/** What one report does to the stored record of its run, and the record afterwards. */
public record Merge(Kind kind, Run run) {

    /** Whether the store has to write, and how. */
    public enum Kind {
        /** The first report of a run: insert. */
        CREATED,
        /** The record changed: update. */
        CHANGED,
        /** A retry or a late ping: nothing to write. */
        UNCHANGED
    }

    public Merge {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(run, "run");
    }
}
