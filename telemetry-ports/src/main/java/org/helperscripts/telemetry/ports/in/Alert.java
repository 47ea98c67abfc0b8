package org.helperscripts.telemetry.ports.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.helperscripts.telemetry.domain.FailureCounts;

/**
 * One failure-rate alert: when it was raised, over which window, the counts that raised it, and
 * whether its mail went out.
 *
 * @param raisedAt      the time of the check that raised it
 * @param window        how far back the check counted runs
 * @param counts        finished and failed runs of that window
 * @param notSentReason why the mail could not be sent; {@code null} when it was delivered
 */
public record Alert(Instant raisedAt, Duration window, FailureCounts counts, String notSentReason) {

    /** How many alerts the service remembers. */
    public static final int HISTORY_SIZE = 100;

    public Alert {
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(counts, "counts");
    }

    /** Failed runs as a percentage of finished runs in the window. */
    public double ratePercent() {
        return counts.failureRatePercent();
    }

    /** Whether the mail server took the alert mail. */
    public boolean delivered() {
        return notSentReason == null;
    }

    /** Why the mail was not sent, empty when it was. */
    public Optional<String> failure() {
        return Optional.ofNullable(notSentReason);
    }
}
