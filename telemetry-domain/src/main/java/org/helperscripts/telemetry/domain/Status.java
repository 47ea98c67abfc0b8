package org.helperscripts.telemetry.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a run stands. Statuses are ordered: a run moves forward through the ranks and never back
 * (installing, then configuring or validation, then unknown, then a final status).
 */
public enum Status implements WireValue {
    INSTALLING("installing", 0),
    CONFIGURING("configuring", 1),
    VALIDATION("validation", 1),
    UNKNOWN("unknown", 2),
    SUCCESS("success", 3),
    FAILED("failed", 3),
    ABORTED("aborted", 3);

    private final String wire;
    private final int rank;

    Status(String wire, int rank) {
        this.wire = wire;
        this.rank = rank;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Position in the forward order; equal ranks are alternatives at the same stage. */
    public int rank() {
        return rank;
    }

    /** Success, failed or aborted: the run has ended and said how. */
    public boolean isFinal() {
        return rank == 3;
    }

    /** Installing, configuring or validation: the run has not ended yet. */
    public boolean isInProgress() {
        return rank < UNKNOWN.rank;
    }

    /**
     * Reads a status as clients spell it; {@code done} and the misspelt {@code sucess} of older
     * clients mean success.
     */
    public static Optional<Status> fromWire(String text) {
        if (text != null) {
            String spelling = text.trim().toLowerCase(Locale.ROOT);
            if (spelling.equals("done") || spelling.equals("sucess")) {
                return Optional.of(SUCCESS);
            }
        }
        return WireValue.lookup(Status.class, text);
    }
}
