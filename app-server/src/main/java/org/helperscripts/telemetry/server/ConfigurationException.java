package org.helperscripts.telemetry.server;

/** A setting has a value the server cannot use; the message names the variable and what is allowed. */
final class ConfigurationException extends RuntimeException {
    ConfigurationException(String message) {
        super(message);
    }
}
