package org.helperscripts.telemetry.ports.out;

/** The orders a record listing may take; an allowlist, so that no sort text reaches a query. */
public enum RecordSort {
    NEWEST_FIRST,
    OLDEST_FIRST,
    UPDATED_NEWEST_FIRST,
    APP_A_TO_Z,
    APP_Z_TO_A,
    STATUS_A_TO_Z,
    LONGEST_INSTALL_FIRST
}
