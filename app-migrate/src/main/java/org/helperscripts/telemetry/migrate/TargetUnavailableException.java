package org.helperscripts.telemetry.migrate;

/** The target cannot take writes any more (disk full, database locked, server gone): the run stops. */
final class TargetUnavailableException extends RuntimeException {

    TargetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
