package org.helperscripts.telemetry.http;

/** An admin request that is not let through: 404 when admin endpoints are off, 401 otherwise. */
final class AdminRefusedException extends RuntimeException {

    private final int status;

    AdminRefusedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
