package org.helperscripts.telemetry.domain;

import java.util.List;

/** A report broke one or more rules of the wire contract; {@link #violations()} names each. */
public final class InvalidReportException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidReportException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid report names at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** Every broken rule, in the order of the wire contract. */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder("invalid report:");
        for (Violation violation : violations) {
            text.append(' ').append(violation.field()).append(' ').append(violation.message()).append(';');
        }
        return text.toString();
    }
}
