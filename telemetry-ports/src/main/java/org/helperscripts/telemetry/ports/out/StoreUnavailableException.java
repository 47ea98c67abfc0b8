package org.helperscripts.telemetry.ports.out;

/** The store cannot take or give data right now; the caller may try again later. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
