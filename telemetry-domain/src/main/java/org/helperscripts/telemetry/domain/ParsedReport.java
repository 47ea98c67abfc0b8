package org.helperscripts.telemetry.domain;

/**
 * A valid report and how many fields of the raw input were not part of the wire contract and were
 * dropped (counted, never stored).
 */
public record ParsedReport(Report report, int droppedFieldCount) {
}
