package org.helperscripts.telemetry.http;

import java.util.List;

import org.helperscripts.telemetry.domain.Violation;

/** Query parameters that break their rules, each named. Answered with 400. */
final class InvalidQueryException extends RuntimeException {

    private final transient List<Violation> violations;

    InvalidQueryException(List<Violation> violations) {
        super("invalid query", null, false, false);
        this.violations = List.copyOf(violations);
    }

    List<Violation> violations() {
        return violations;
    }
}
