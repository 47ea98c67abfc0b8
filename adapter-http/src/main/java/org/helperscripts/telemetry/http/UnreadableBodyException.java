package org.helperscripts.telemetry.http;

/** The body is not a JSON object this service can read, even after repair. Answered with 400. */
final class UnreadableBodyException extends RuntimeException {
    UnreadableBodyException(String message) {
        super(message, null, false, false);
    }
}
