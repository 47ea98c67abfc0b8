package org.helperscripts.telemetry.sqlite;

/** The shared store samples, under the short name this package's tests use. */
final class SampleReports extends org.helperscripts.telemetry.ports.out.SampleReports {

    private SampleReports() {
    }
}
