package org.helperscripts.telemetry.domain;

/** What an exit code means to the clients: its error category and a description for people. */
public record ExitCode(int code, ErrorCategory category, String description) {
}
