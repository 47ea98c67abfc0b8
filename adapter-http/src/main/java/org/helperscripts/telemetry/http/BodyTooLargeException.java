package org.helperscripts.telemetry.http;

/** The body is larger than MAX_BODY_BYTES. Answered with 413. */
final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(long maxBodyBytes) {
        super("body larger than " + maxBodyBytes + " bytes", null, false, false);
    }
}
