package org.helperscripts.telemetry.http;

/** An admin action whose feature is switched off (409); the message names the setting. */
final class ActionUnavailableException extends RuntimeException {

    ActionUnavailableException(String message) {
        super(message, null, false, false);
    }
}
