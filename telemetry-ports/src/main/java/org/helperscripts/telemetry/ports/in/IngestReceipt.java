package org.helperscripts.telemetry.ports.in;

import org.helperscripts.telemetry.domain.Merge;

/**
 * What happened to an accepted report: whether it created, changed or left unchanged the record
 * of its run, and how many unknown fields were dropped from it.
 */
public record IngestReceipt(Merge.Kind effect, int droppedFieldCount) {
}
