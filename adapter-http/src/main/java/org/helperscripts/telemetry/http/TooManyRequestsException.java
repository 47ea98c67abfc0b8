package org.helperscripts.telemetry.http;

/** The client has used its permits. Answered with 429 and Retry-After; carries nothing about the client. */
final class TooManyRequestsException extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyRequestsException(long retryAfterSeconds) {
        super("too many requests, retry after " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
