package org.helperscripts.telemetry.ports.in;

import java.util.Objects;

import org.helperscripts.telemetry.domain.Merge;

/**
 * What happened to an accepted report: whether it created, changed or left unchanged the record
 * of its run, or was queued for a store that merges it later (its effect is then not known yet),
 * and how many unknown fields were dropped from it.
 */
public record IngestReceipt(Effect effect, int droppedFieldCount) {

    /** What the report did by the time it was accepted. */
    public enum Effect {
        /** The first report of its run: the record was created. */
        CREATED,
        /** The record of its run changed. */
        CHANGED,
        /** A retry or a late ping: the record stayed as it was. */
        UNCHANGED,
        /** Kept durably in the spool; the store merges it when the report is forwarded. */
        QUEUED
    }

    public IngestReceipt {
        Objects.requireNonNull(effect, "effect");
    }

    /** The receipt of a report merged into the store at once. */
    public static IngestReceipt stored(Merge.Kind kind, int droppedFieldCount) {
        Effect effect = switch (kind) {
            case CREATED -> Effect.CREATED;
            case CHANGED -> Effect.CHANGED;
            case UNCHANGED -> Effect.UNCHANGED;
        };
        return new IngestReceipt(effect, droppedFieldCount);
    }

    /** The receipt of a report kept in the spool, to be merged later. */
    public static IngestReceipt queued(int droppedFieldCount) {
        return new IngestReceipt(Effect.QUEUED, droppedFieldCount);
    }
}
