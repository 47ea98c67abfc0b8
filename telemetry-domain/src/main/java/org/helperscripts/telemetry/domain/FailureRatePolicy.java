package org.helperscripts.telemetry.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a rising failure rate deserves an alert: the rate of finished runs reaches the threshold,
 * enough runs finished to trust the rate, and the last alert is at least one cooldown ago.
 */
public record FailureRatePolicy(double thresholdPercent, int minimumSample, Duration cooldown) {

    /** The outcome of one check, with the reason when it is not an alert. */
    public enum Verdict {
        ALERT,
        TOO_FEW_RUNS,
        BELOW_THRESHOLD,
        COOLING_DOWN
    }

    public FailureRatePolicy {
        if (!(thresholdPercent > 0 && thresholdPercent <= 100)) {
            throw new IllegalArgumentException("failure threshold must be above 0 and at most 100 percent, was "
                    + thresholdPercent);
        }
        if (minimumSample < 1) {
            throw new IllegalArgumentException("minimum sample must be at least 1 run, was " + minimumSample);
        }
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative, was " + cooldown);
        }
    }

    public static FailureRatePolicy of(double thresholdPercent, int minimumSample, Duration cooldown) {
        return new FailureRatePolicy(thresholdPercent, minimumSample, cooldown);
    }

    /**
     * Decides whether to alert now.
     *
     * @param counts    finished and failed runs of the window just checked
     * @param lastAlert when the last alert was sent, empty if never
     * @param now       the time of the check
     */
    public Verdict evaluate(FailureCounts counts, Optional<Instant> lastAlert, Instant now) {
        if (counts.finished() < minimumSample) {
            return Verdict.TOO_FEW_RUNS;
        }
        if (counts.failureRatePercent() < thresholdPercent) {
            return Verdict.BELOW_THRESHOLD;
        }
        if (lastAlert.isPresent() && now.isBefore(lastAlert.get().plus(cooldown))) {
            return Verdict.COOLING_DOWN;
        }
        return Verdict.ALERT;
    }
}
