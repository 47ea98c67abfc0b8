package org.helperscripts.telemetry.domain;

import java.util.Objects;

/**
 * One broken rule of a report: the wire name of the field and a message that says what is
 * allowed.
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
