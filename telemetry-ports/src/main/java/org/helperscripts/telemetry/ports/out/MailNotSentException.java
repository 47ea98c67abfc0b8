package org.helperscripts.telemetry.ports.out;

/** A mail could not be delivered; the message says why, without credentials. */
public final class MailNotSentException extends RuntimeException {

    public MailNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
